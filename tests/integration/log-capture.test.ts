import { PERSONAS, startTestGateway, type TestGateway } from '../helpers/local-gateway';
import { capturedLines, leakReport } from '../support/log-capture';

// The capture every integration file runs under (jest.config.js, setupFilesAfterEnv): this file checks
// that it sees what code prints and what the gateway answers, and how it reports a leak.
describe('the log capture of the integration suite', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.stop());

  it('keeps each line printed through the console or straight to a stream, once, with the place that printed it', () => {
    const from = capturedLines().length;
    console.info('log-capture probe: through the console');
    process.stderr.write('log-capture probe: to the stream\n');
    expect(capturedLines().slice(from)).toEqual([
      { line: 'log-capture probe: through the console', source: expect.stringMatching(/^console\.info at tests\/integration\/log-capture\.test\.ts:\d+$/) },
      { line: 'log-capture probe: to the stream', source: expect.stringMatching(/^process\.stderr\.write at tests\/integration\/log-capture\.test\.ts:\d+$/) },
    ]);
  });

  it('keeps the code and message of every error answer the local gateway sends', async () => {
    const from = capturedLines().length;
    const res = await gw.call(PERSONAS.resident, 'orders', 'noSuchAction', {});
    if (res.body.ok) throw new Error('an unknown action was answered ok');
    expect(capturedLines().slice(from)).toEqual([
      { line: `[answer ${res.status}] ${res.body.error.code}: ${res.body.error.message} (field action)`, source: 'error answer to POST /api/orders' },
    ]);
  });

  it('reports a leak by place and kind with the value redacted, and nothing for clean lines', () => {
    const lines = [
      { line: '[orders.post] request req_1 failed: Error: 13812345678 张桂英', source: 'console.error at cloudfunctions/orders/x.ts:9' },
      { line: '[gateway] POST /api/orders failed: Error', source: 'console.error at cloudfunctions/_local/gateway.ts:140' },
    ];
    expect(leakReport(lines)).toBe(
      [
        'Personal data in 1 line(s) printed by this test file (values redacted):',
        '  - phone, name (column 44, 56) in console.error at cloudfunctions/orders/x.ts:9:',
        '      [orders.post] request req_1 failed: Error: [phone] [name]',
      ].join('\n'),
    );
    expect(leakReport(lines.slice(1))).toBeNull();
  });
});

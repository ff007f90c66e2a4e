// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// (Jest uses babel.jest.config.js instead; see jest.config.js.)
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}

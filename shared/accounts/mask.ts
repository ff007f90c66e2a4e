/** 13812341234 → 138****1234. Anything that is not a mobile number is masked whole. */
export function maskPhone(phone: string | undefined): string | undefined {
  if (phone === undefined) return undefined;
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  return '*'.repeat(Math.min(phone.length, 8));
}

/** 张三丰 → 张**; a name is shown whole only to those entitled to it. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '*'.repeat(chars.length - 1);
}

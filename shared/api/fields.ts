import * as z from 'zod';

/** Fields many inputs share: a person's text with a Chinese message, a file id, a client key. */

/** Text a person writes, trimmed, with the field's name in the message (`请填写议题标题`). */
export const text = (min: number, max: number, what: string) => z.string().trim().min(min, `请填写${what}`).max(max, `${what}最多 ${max} 个字`);

/** A photo or file: a local file (the demo) or a CloudBase file id. */
export const FileId = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^(local:\/\/|cloud:\/\/)[A-Za-z0-9._/-]+$/, '图片编号格式不对');

/** What makes a repeated submission the same one (one order, one topic, one meeting per key). */
export const ClientKey = z
  .string()
  .trim()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '提交编号格式不对');

/** A point on the map as a phone reports it (degrees): an order's place, a volunteer's 常在位置. */
export const MapPoint = z
  .object({
    lat: z.number('请在地图上选个位置').min(-90, '位置不对，请重新选择').max(90, '位置不对，请重新选择'),
    lng: z.number('请在地图上选个位置').min(-180, '位置不对，请重新选择').max(180, '位置不对，请重新选择'),
  })
  .strict();

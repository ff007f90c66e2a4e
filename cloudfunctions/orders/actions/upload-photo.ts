import { ordersApi } from '../../../shared/orders/orders.contract';
import { fail, ok } from '../../../shared/api/envelope';
import { isImageOf, MAX_PHOTO_BYTES, photoBytes, photoPathOf } from '../../../shared/orders/photos';
import { defineAction } from '../../_core/pipeline';

/**
 * A photo of an order (before or after), checked for its size and that it is the image it says,
 * stored in the caller's own folder (`photos/<user id>/…`), where the weapp uploads by itself: H5 and
 * the local app come this way and get a file id of the same shape. The content check runs when the
 * photo is attached to an order.
 */
export const uploadPhoto = defineAction(ordersApi.uploadPhoto, {
  authorize: () => ({ allow: true }),
  run: async (ctx, input, caller) => {
    if (photoBytes(input.dataBase64) > MAX_PHOTO_BYTES) return fail('ORDER.PHOTO_TOO_LARGE', 'payload.dataBase64');
    const bytes = new Uint8Array(Buffer.from(input.dataBase64, 'base64'));
    if (!isImageOf(input.contentType, bytes)) return fail('COMMON.INVALID_INPUT', 'payload.dataBase64');
    const ext = input.contentType.split('/')[1]!;
    return ok(await ctx.ports.files.put(photoPathOf(caller.user._id, ctx.ports.ids.id('img'), ext), bytes, input.contentType));
  },
});

/**
 * Postino's webadmin routes (James {@code Routes}, listed in {@code webadmin.properties}
 * {@code extensions.routes}) and the James tasks they start. Routes parse and check the request,
 * answer 400 naming the bad field or 404 for an unknown resource (James's {@code ErrorResponder}),
 * and call the delivery shells; they hold no policy of their own.
 */
package dev.postino.webadmin;

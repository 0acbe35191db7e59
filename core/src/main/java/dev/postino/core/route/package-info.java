/**
 * Where a recipient domain's mail goes, decided without touching the network: the static
 * {@link dev.postino.core.route.RouteTable} (Postfix {@code transport(5)} style) turns a domain
 * into a {@link dev.postino.core.route.Route}; {@link dev.postino.core.route.MxSelection} orders
 * the MX answer the delivery engine looked up (RFC 5321 §5.1, RFC 7505) and
 * {@link dev.postino.core.route.AddressSelection} expands the chosen hosts into the
 * {@code (host, ip)} pairs to connect to; {@link dev.postino.core.route.ReceivedLoopPolicy} stops
 * mail that has looped.
 *
 * <p>DNS answers come in as values ({@link dev.postino.core.route.MxLookup},
 * {@link dev.postino.core.route.AddressLookup}); expected failures go out as values
 * ({@link dev.postino.core.route.RouteFailure}). No I/O, no clock, no hidden randomness: shuffling
 * draws from a {@link java.util.Random} the caller passes in.
 */
package dev.postino.core.route;

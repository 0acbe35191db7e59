/**
 * The durable James server: James 3.8.1's published JPA, Lucene and ActiveMQ building blocks
 * wired with our own Guice modules (their Guice glue is not published). Everything it keeps
 * lives in the working directory's {@code var/} (embedded Derby, KahaDB, the Lucene index), or
 * in the database that {@code conf/james-database.properties} names.
 *
 * <p>This package assembles; it holds no mail policy (that is {@code core}'s).
 */
package dev.postino.server.durable;

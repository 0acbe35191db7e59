/**
 * The integration-test harness: boots real Guice James 3.8.1 servers from our {@code conf/} with
 * the drop-in jar loaded from {@code extensions-jars/} (never from the test classpath), on random
 * ports, with DNS under the test's control; and the clients a user would use (SMTP with
 * STARTTLS/implicit TLS and AUTH, IMAP, POP3, webadmin over HTTP).
 */
package dev.postino.it.harness;

/** Reading Postino's configuration strictly: a bad value stops start-up naming the key. */
package dev.postino.config;

package dev.postino.bench;

import dev.postino.core.spam.MessageClass;
import dev.postino.core.spam.mime.MimeMessage;
import java.time.Instant;

/** One corpus message: its file name, true class, parsed form and the moment it arrived. */
record LabelledMail(String name, MessageClass truth, MimeMessage message, Instant arrival) {
}

package dev.postino.core.spam.mime;

import java.util.Objects;
import java.util.Optional;

/** One leaf body part as declared: media type, charset, transfer encoding, file name. */
public final class MimePart {
    private final String mediaType;
    private final String charset;
    private final String transferEncoding;
    private final String fileName;

    public MimePart(String mediaType, String charset, String transferEncoding, String fileName) {
        this.mediaType = Objects.requireNonNull(mediaType);
        this.charset = charset;
        this.transferEncoding = transferEncoding;
        this.fileName = fileName;
    }

    public String mediaType() {
        return mediaType;
    }

    public Optional<String> charset() {
        return Optional.ofNullable(charset);
    }

    public Optional<String> transferEncoding() {
        return Optional.ofNullable(transferEncoding);
    }

    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    @Override
    public String toString() {
        return mediaType + (fileName == null ? "" : " name=" + fileName);
    }
}

package org.queueanalytics.consumer.clickhouse.compression;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request body ready for the wire, plus what the server needs to read it: a
 * {@code Content-Encoding} header and/or URL parameters (e.g. {@code decompress=1}).
 *
 * <p>{@code bytes} is usually a reused buffer owned by the {@link BodyEncoding} that made it:
 * the body is valid only until that encoding's next {@code encode} call.
 */
public final class EncodedBody {
    private final byte[] bytes;
    private final int length;
    private final int uncompressedLength;
    private final String contentEncoding;
    private final Map<String, String> urlParameters;

    public EncodedBody(byte[] bytes, int length, int uncompressedLength, String contentEncoding,
                       Map<String, String> urlParameters) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(0, length, bytes.length);
        this.length = length;
        this.uncompressedLength = uncompressedLength;
        this.contentEncoding = contentEncoding;
        this.urlParameters = Map.copyOf(urlParameters);
    }

    /** The backing array; the body is {@code [0, length())}. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Size of the SQL text before compression (for metrics and logs). */
    public int uncompressedLength() {
        return uncompressedLength;
    }

    /** The {@code Content-Encoding} request header, if the body needs one. */
    public Optional<String> contentEncoding() {
        return Optional.ofNullable(contentEncoding);
    }

    /** Extra URL parameters the server needs to read the body (e.g. {@code decompress=1}). */
    public Map<String, String> urlParameters() {
        return urlParameters;
    }

    @Override
    public String toString() {
        return "EncodedBody[" + length + " B from " + uncompressedLength + " B"
                + (contentEncoding == null ? "" : ", Content-Encoding: " + contentEncoding)
                + (urlParameters.isEmpty() ? "" : ", " + urlParameters) + "]";
    }
}

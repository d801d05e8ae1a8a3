package io.faildaily.backend.http;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Real, tiny images made by the JDK (so the magic-byte check sees the genuine article). */
final class TestImages {
    private TestImages() {}

    static byte[] png() {
        return encode("png");
    }

    static byte[] jpeg() {
        return encode("jpg");
    }

    static byte[] gif() {
        return encode("gif");
    }

    private static byte[] encode(String format) {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0xFF8800);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code size} bytes that start like a PNG. */
    static byte[] pngOfSize(int size) {
        byte[] head = png();
        byte[] big = new byte[size];
        System.arraycopy(head, 0, big, 0, head.length);
        return big;
    }
}

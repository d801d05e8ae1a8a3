package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.faildaily.backend.testing.Accounts;
import io.faildaily.backend.testing.Accounts.Account;
import io.faildaily.backend.testing.BackendTestBase;
import io.faildaily.backend.testing.ApiClient.Response;
import io.faildaily.backend.testing.OriginalInstallation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Uploads: type from the bytes, size limits, avatar update, serving, and no way out of UPLOAD_DIR. */
class UploadApiTest extends BackendTestBase {
    private static Account user;

    @BeforeAll
    static void registerUser() {
        user = Accounts.register(api);
    }

    @Test
    void acceptsRealImagesAndNamesThemByTheirBytes() {
        Response jpeg = api.upload("/api/upload/image", user.token(), "image", "holiday.png", "image/png", TestImages.jpeg());
        assertThat(jpeg.status()).as(jpeg.body()).isEqualTo(200);
        assertThat(jpeg.json().path("data").path("mimetype").asText()).isEqualTo("image/jpeg");
        assertThat(jpeg.json().path("url").asText()).endsWith(".jpg");
        Response gif = api.upload("/api/upload/image", user.token(), "image", "a.gif", "image/gif", TestImages.gif());
        assertThat(gif.status()).isEqualTo(200);
        String file = gif.json().path("data").path("filename").asText();
        assertThat(Files.exists(backend.directory().resolve("uploads/fails").resolve(file))).isTrue();
    }

    @Test
    void avatarUpdatesTheProfile() {
        Response r = api.upload("/api/upload/avatar", user.token(), "avatar", "me.png", "image/png", TestImages.png());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String url = r.json().path("data").path("avatarUrl").asText();
        assertThat(url).startsWith("/uploads/avatars/");
        assertThat(api.get("/api/auth/profile", user.token()).json().path("data").path("avatarUrl").asText()).isEqualTo(url);
        assertThat(api.get(url, null).status()).isEqualTo(200);
    }

    @Test
    void rejectsWhatIsNotAnImage() {
        byte[] script = "<?php system($_GET['c']); ?>".getBytes(StandardCharsets.UTF_8);
        Response r = api.upload("/api/upload/image", user.token(), "image", "cat.png", "image/png", script);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_FILE_TYPE");
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes(StandardCharsets.UTF_8);
        assertThat(api.upload("/api/upload/avatar", user.token(), "avatar", "x.svg", "image/svg+xml", svg).code())
                .isEqualTo("INVALID_FILE_TYPE");
        assertThat(api.upload("/api/upload/image", user.token(), "wrongfield", "a.png", "image/png", TestImages.png())
                .code()).isEqualTo("NO_FILE");
        assertThat(api.post("/api/upload/image", user.token(), "{}").code()).isEqualTo("NO_FILE");
        assertThat(api.upload("/api/upload/image", null, "image", "a.png", "image/png", TestImages.png()).code())
                .isEqualTo("NO_TOKEN");
    }

    @Test
    void enforcesSizeLimits() {
        Response big = api.upload("/api/upload/image", user.token(), "image", "big.png", "image/png",
                TestImages.pngOfSize(5 * 1024 * 1024 + 10));
        assertThat(big.status()).as(big.body()).isEqualTo(400);
        assertThat(big.code()).isEqualTo("FILE_TOO_LARGE");
        Response avatar = api.upload("/api/upload/avatar", user.token(), "avatar", "big.png", "image/png",
                TestImages.pngOfSize(2 * 1024 * 1024 + 10));
        assertThat(avatar.status()).isEqualTo(400);
        assertThat(avatar.code()).isEqualTo("FILE_TOO_LARGE");
        // A 50 MB upload is refused from its announced length, before its body is read.
        String huge = api.announceBody("POST", "/api/upload/image", user.token(),
                "multipart/form-data; boundary=x", 50L * 1024 * 1024);
        assertThat(huge).startsWith("HTTP/1.1 400").contains("FILE_TOO_LARGE").doesNotContain("100 Continue");
        assertThat(api.upload("/api/upload/avatar", user.token(), "avatar", "ok.png", "image/png",
                TestImages.pngOfSize(1024 * 1024)).status()).isEqualTo(200);
    }

    @Test
    void filesTheOriginalBackendStoredAreServedAtTheirStoredUrls() throws Exception {
        // What a migrated uploads volume holds: the original named files <kind>-<user id>-<ms>-<random>.<ext>.
        Path originals = OriginalInstallation.copyUploads(backend.directory().resolve("uploads"));
        List<String> files = OriginalInstallation.uploadedFiles(originals).stream()
                .filter(f -> f.startsWith("fails/") || f.startsWith("avatars/")).toList();
        assertThat(files).hasSizeGreaterThanOrEqualTo(3).anyMatch(f -> f.startsWith("avatars/avatar-"));
        byte[] jpeg = TestImages.jpeg();
        String uploadedAsJpeg = "fails/fail-" + user.id() + "-1796146681832-123456789.JPEG";
        Files.write(originals.resolve(uploadedAsJpeg), jpeg);
        for (String file : files) {
            Response r = api.get("/uploads/" + file, null);
            assertThat(r.status()).as(file).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(file).isEqualTo("image/png");
            assertThat(r.raw().body()).as(file).isEqualTo(Files.readAllBytes(originals.resolve(file)));
        }
        Response r = api.get("/uploads/" + uploadedAsJpeg, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(r.raw().body()).isEqualTo(jpeg);
        // Still only names either backend makes: an other file in the same folder is not served.
        Files.writeString(originals.resolve("fails/notes-1796146681832-1.png"), "not an upload");
        assertThat(api.get("/uploads/fails/notes-1796146681832-1.png", null).status()).isEqualTo(404);
    }

    @Test
    void noPathTraversal() throws Exception {
        Path secret = backend.directory().resolve("secret.txt");
        Files.writeString(secret, "top secret");
        for (String path : List.of("/uploads/../secret.txt", "/uploads/fails/..%2F..%2Fsecret.txt",
                "/uploads/fails/%2e%2e/%2e%2e/secret.txt", "/uploads/..%2Fsecret.txt/x",
                "/uploads/fails/secret.txt", "/uploads/etc/passwd", "/uploads/fails/%00.png")) {
            Response r = api.get(path, null);
            assertThat(r.status()).as(path).isBetween(400, 404);
            assertThat(r.body()).as(path).doesNotContain("top secret");
        }
    }
}

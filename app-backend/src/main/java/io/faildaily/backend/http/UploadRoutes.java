package io.faildaily.backend.http;

import static io.faildaily.backend.service.ApiException.badRequest;

import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.service.ImageType;
import io.faildaily.backend.service.UploadService;
import io.faildaily.backend.service.UploadService.Kind;
import io.faildaily.backend.service.UploadService.Stored;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** POST /api/upload/image (field `image`, 5 MB), POST /api/upload/avatar (field `avatar`, 2 MB), GET /uploads/…. */
public final class UploadRoutes {
    private static final long MULTIPART_OVERHEAD = 64 * 1024;
    private final UploadService uploads;
    private final Authenticator authenticator;

    public UploadRoutes(UploadService uploads, Authenticator authenticator) {
        this.uploads = uploads;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/upload/image", ctx -> {
            Stored s = receive(ctx, Kind.IMAGE, "image");
            ctx.json(Reply.success("Image uploadée avec succès").with("url", s.url()).with("data", Map.of(
                    "imageUrl", s.url(), "filename", s.filename(), "size", s.size(), "mimetype", s.mimeType())));
        });
        routes.post("/api/upload/avatar", ctx -> {
            Stored s = receive(ctx, Kind.AVATAR, "avatar");
            ctx.json(Reply.success("Avatar mis à jour avec succès").with("url", s.url()).with("data", Map.of(
                    "avatarUrl", s.url(), "filename", s.filename(), "size", s.size(), "mimetype", s.mimeType())));
        });
        routes.get("/uploads/{directory}/{name}", this::serve);
    }

    private Stored receive(Context ctx, Kind kind, String field) throws Exception {
        AuthUser user = authenticator.require(ctx);
        // Refuse an announced oversize body before reading it (a client that sent Expect: 100-continue
        // never has to send it); the multipart overhead allowance keeps exact-limit files accepted.
        if (ctx.req().getContentLengthLong() > kind.maxBytes() + MULTIPART_OVERHEAD) {
            throw UploadService.tooLarge(kind);
        }
        UploadedFile file;
        try {
            file = ctx.isMultipart() ? ctx.uploadedFile(field) : null;
        } catch (Exception e) {
            // The multipart parser stops at its size limit (or on a broken body): both are the client's doing.
            if (String.valueOf(rootMessage(e)).toLowerCase().contains("size")
                    || String.valueOf(rootMessage(e)).toLowerCase().contains("exceed")) {
                throw UploadService.tooLarge(kind);
            }
            throw badRequest("UPLOAD_ERROR", "Erreur lors de l'upload");
        }
        if (file == null) {
            throw badRequest("NO_FILE", "Aucun fichier fourni (champ '" + field + "')");
        }
        try (InputStream in = file.content()) {
            return uploads.store(kind, user.id(), file.size(), in);
        }
    }

    private void serve(Context ctx) throws Exception {
        Path file = uploads.find(ctx.pathParam("directory"), ctx.pathParam("name")).orElse(null);
        if (file == null) {
            ErrorResponses.write(ctx, 404, "FILE_NOT_FOUND", "Fichier non trouvé");
            return;
        }
        ImageType type = ImageType.fromExtension(file.getFileName().toString()).orElseThrow();
        ctx.contentType(type.mimeType());
        ctx.header("Cache-Control", "public, max-age=86400, immutable");
        ctx.result(Files.newInputStream(file));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder all = new StringBuilder();
        while (t != null) {
            all.append(t.getMessage()).append(' ');
            t = t.getCause();
        }
        return all.toString();
    }
}

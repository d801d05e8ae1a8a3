package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.faildaily.backend.testing.SmtpServer;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.SmtpSpec;
import io.faildaily.operator.model.AppUrl;
import io.faildaily.operator.testing.FailDailies;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The default web page's views beyond the first visit, each in headless Chromium through nginx, on one stack for
 * the class: the FailDaily is {@code spec: {}} plus {@code spec.backend.smtp} pointing at a real SMTP server
 * (GreenMail, {@link SmtpServer}), so the password reset mail is the one the backend sends. Each test checks what
 * the person sees and what changed in the database.
 */
class WebPageViewsTest {
    private static final Path SCREENSHOTS = BrowserJourneyTest.SCREENSHOTS;
    private static final long MAIL_WAIT_MS = 15_000;

    private static SmtpServer smtp;
    private static Stack stack;
    /** Set-up and checks straight to the backend, so that they never spend the browser's nginx rate budget. */
    private static Api api;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        smtp = SmtpServer.start();
        SmtpSpec mail = new SmtpSpec();
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.port());
        mail.setFrom("FailDaily <no-reply@faildaily.test>");
        FailDaily fd = FailDailies.of(Stack.NAMESPACE, Stack.NAME, spec -> spec.getBackend().setSmtp(mail));
        stack = Stack.start(new Stack.Input(fd, Map.of(), null, null, Stack.TEST_SPEED_KNOBS));
        api = new Api(stack.backend()::uri);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void aMemberSeesTheirFiguresEditsTheirProfileAndChangesTheirAvatar() throws Exception {
        String suffix = suffix();
        Api.Account margot = api.register("Margot" + suffix);
        Api.Account other = api.register("Pris" + suffix);
        post(margot, "Mon premier fail n°" + suffix, false);
        Path photo = Files.write(work.resolve("avatar.png"), Api.png(200, 200));
        Path notAnImage = Files.writeString(work.resolve("avatar-fake.png"), "ceci n'est pas une image");
        String bio = "J'échoue, donc je suis.\nDeuxième ligne.";
        String newName = "MargotBis" + suffix;

        inBrowser("profile", (page, wait) -> {
            logIn(page, wait, margot);
            page.findElement(By.id("nav-profile")).click();
            wait.until(ExpectedConditions.textToBe(By.id("profile-name"), margot.displayName()));
            assertThat(page.findElement(By.id("profile-email")).getText()).isEqualTo(margot.email());
            assertThat(page.findElement(By.id("profile-avatar-placeholder")).getText()).isEqualTo("M");
            // Figures from the profile and from the user's stats, as the database counts them.
            wait.until(d -> !"…".equals(stat(page, "comments")));
            assertThat(stat(page, "fails")).isEqualTo("1").isEqualTo(String.valueOf(
                    number("SELECT fails_count FROM profiles p JOIN users u ON u.id = p.user_id WHERE u.email = ?", margot.email())));
            assertThat(stat(page, "comments")).isEqualTo("0");
            assertThat(stat(page, "points")).isEqualTo(String.valueOf(
                    number("SELECT COALESCE(SUM(points_total), 0) FROM user_points up JOIN users u ON u.id = up.user_id "
                            + "WHERE u.email = ?", margot.email())));

            // The bio alone: the name the member already has is not "taken" (excludeUserId).
            WebElement bioInput = page.findElement(By.id("profile-bio-input"));
            bioInput.clear();
            bioInput.sendKeys(bio);
            page.findElement(By.id("profile-submit")).click();
            waitNotice(wait, "ok", "Profil mis à jour");
            assertThat(page.findElement(By.id("profile-bio")).getText()).isEqualTo(bio);
            assertThat(profileRow(margot.email())).containsExactly(margot.displayName(), bio, null);

            // Another member's name is refused, and nothing is written.
            WebElement name = page.findElement(By.id("profile-display-name"));
            name.clear();
            name.sendKeys(other.displayName());
            page.findElement(By.id("profile-submit")).click();
            waitNotice(wait, "error", "Ce nom d'affichage est déjà pris");
            assertThat(profileRow(margot.email())).containsExactly(margot.displayName(), bio, null);

            // A free name: saved, and the navigation shows it.
            name.clear();
            name.sendKeys(newName);
            page.findElement(By.id("profile-submit")).click();
            waitNotice(wait, "ok", "Profil mis à jour");
            wait.until(ExpectedConditions.textToBe(By.id("who"), newName));
            assertThat(page.findElement(By.id("profile-name")).getText()).isEqualTo(newName);
            assertThat(profileRow(margot.email())).containsExactly(newName, bio, null);

            // An avatar: stored by the backend, shown at once.
            page.findElement(By.id("avatar-file")).sendKeys(photo.toString());
            waitNotice(wait, "ok", "Avatar mis à jour");
            WebElement avatar = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("profile-avatar")));
            wait.until(d -> loaded(page, page.findElement(By.id("profile-avatar"))));
            String avatarUrl = profileRow(margot.email()).get(2);
            assertThat(avatarUrl).matches("/uploads/avatars/avatar-[0-9a-f-]{36}-.+\\.png");
            assertThat(avatar.getAttribute("src")).isEqualTo(stack.nginx().uri(avatarUrl).toString());
            browser().screenshot(SCREENSHOTS.resolve("web-profile.png"));

            // A file that is not an image, whatever its name says: refused, the avatar stays.
            page.findElement(By.id("avatar-file")).sendKeys(notAnImage.toString());
            waitNotice(wait, "error", "Format de fichier non autorisé");
            assertThat(profileRow(margot.email())).containsExactly(newName, bio, avatarUrl);
            assertThat(page.findElement(By.id("profile-avatar")).getAttribute("src")).endsWith(avatarUrl);
        });
    }

    @Test
    void theFeedIsPagedAndAnonymousFailsShowNoAuthor() throws Exception {
        String suffix = suffix();
        Api.Account author = api.register("Camille" + suffix);
        Api.Account reader = api.register("Lecteur" + suffix);
        Set<String> titles = new LinkedHashSet<>();
        for (int i = 1; i <= 45; i++) {
            String title = "Fail " + i + " de la série " + suffix;
            post(author, title, false);
            titles.add(title);
        }
        String anonymousTitle = "Un fail que je signe pas " + suffix;
        String anonymousId = post(author, anonymousTitle, true);
        titles.add(anonymousTitle);

        inBrowser("feed", (page, wait) -> {
            logIn(page, wait, reader);
            wait.until(ExpectedConditions.visibilityOfElementLocated(cardTitled(anonymousTitle)));
            int firstPage = cards(page).size();
            WebElement more = page.findElement(By.id("feed-more"));
            assertThat(more.isDisplayed()).as("a 'more' button under the first page").isTrue();
            assertThat(firstPage).isLessThan(titles.size());

            // "Voir plus" until the end: each page adds fails, none twice, and the button goes away.
            int pages = 1;
            while (page.findElement(By.id("feed-more")).isDisplayed()) {
                int before = cards(page).size();
                page.findElement(By.id("feed-more")).click();
                wait.until(d -> cards(page).size() > before || !page.findElement(By.id("feed-more")).isDisplayed());
                wait.until(d -> page.findElement(By.id("feed-more")).isEnabled()
                        || !page.findElement(By.id("feed-more")).isDisplayed());
                pages++;
            }
            assertThat(pages).isGreaterThanOrEqualTo(3);
            List<String> shown = new ArrayList<>();
            for (WebElement card : cards(page)) {
                shown.add(card.findElement(By.cssSelector(".fail-title")).getText());
            }
            assertThat(shown).doesNotHaveDuplicates().containsAll(titles);
            assertThat(shown).hasSize((int) number("SELECT COUNT(*) FROM fails WHERE moderation_status IS NULL "
                    + "OR moderation_status IN ('approved', 'under_review')"));
            // Newest first: this author's fails in the reverse order of posting.
            List<String> mine = shown.stream().filter(titles::contains).toList();
            List<String> posted = new ArrayList<>(titles);
            java.util.Collections.reverse(posted);
            assertThat(mine).containsExactlyElementsOf(posted);

            // The anonymous fail: no author on the card, though the database knows who wrote it.
            WebElement anonymous = page.findElement(cardTitled(anonymousTitle));
            assertThat(anonymous.findElement(By.cssSelector(".author")).getText()).isEqualTo("Anonyme");
            assertThat(anonymous.getText()).doesNotContain(author.displayName());
            assertThat(number("SELECT COUNT(*) FROM fails f JOIN users u ON u.id = f.user_id WHERE f.id = ? "
                    + "AND f.is_anonyme = 1 AND u.email = ?", anonymousId, author.email())).isEqualTo(1);
            WebElement signed = page.findElement(cardTitled("Fail 1 de la série " + suffix));
            assertThat(signed.findElement(By.cssSelector(".author")).getText()).isEqualTo(author.displayName());
            browser().screenshot(SCREENSHOTS.resolve("web-feed-paged.png"));
        });
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLinkOnce() throws Exception {
        String suffix = suffix();
        Api.Account paul = api.register("Paul" + suffix);
        String newPassword = "nouveau-" + suffix;
        String oldHash = text("SELECT password_hash FROM users WHERE email = ?", paul.email());
        String appUrl = AppUrl.of(stack.failDaily());
        Pattern link = Pattern.compile(Pattern.quote(appUrl) + "/reset-password\\?token=([0-9a-f]{64})");

        inBrowser("password-reset", (page, wait) -> {
            // E1 from the login form.
            page.get(stack.nginx().uri("/login").toString());
            wait.until(ExpectedConditions.elementToBeClickable(By.id("login-forgot"))).click();
            wait.until(ExpectedConditions.urlToBe(stack.nginx().uri("/forgot-password").toString()));
            page.findElement(By.id("forgot-email")).sendKeys(paul.email());
            page.findElement(By.id("forgot-submit")).click();
            String sent = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("forgot-sent"))).getText();
            assertThat(sent).contains("Si un compte existe avec cet email");

            // The mail, and its link: APP_WEB_URL (the application's URL) and the page's route.
            String resetPath = "/reset-password?token=" + token(link, mailTo(paul.email(), 1));

            // An address without an account gets the same answer, and no mail.
            String unknown = "personne-" + suffix + "@example.test";
            assertThat(requestLink(page, wait, unknown)).isEqualTo(sent);

            // E2: the link opened in the browser. Two different passwords are caught before anything is sent.
            page.get(stack.nginx().uri(resetPath).toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-form")));
            page.findElement(By.id("reset-password")).sendKeys(newPassword);
            page.findElement(By.id("reset-confirmation")).sendKeys(newPassword + "x");
            page.findElement(By.id("reset-submit")).click();
            waitNotice(wait, "error", "Les deux mots de passe ne correspondent pas");
            assertThat(number("SELECT COUNT(*) FROM password_reset_tokens t JOIN users u ON u.id = t.user_id "
                    + "WHERE u.email = ? AND t.used_at IS NULL", paul.email())).isEqualTo(1);

            page.findElement(By.id("reset-confirmation")).clear();
            page.findElement(By.id("reset-confirmation")).sendKeys(newPassword);
            page.findElement(By.id("reset-submit")).click();
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-done"))).getText())
                    .isEqualTo("Mot de passe réinitialisé avec succès");
            assertThat(page.getCurrentUrl()).doesNotContain("token");
            assertThat(text("SELECT password_hash FROM users WHERE email = ?", paul.email())).isNotEqualTo(oldHash);
            assertThat(number("SELECT COUNT(*) FROM password_reset_tokens t JOIN users u ON u.id = t.user_id "
                    + "WHERE u.email = ? AND t.used_at IS NOT NULL", paul.email())).isEqualTo(1);
            browser().screenshot(SCREENSHOTS.resolve("web-password-reset.png"));

            // The new password logs in from the page; the old one no longer does.
            page.findElement(By.id("reset-login")).click();
            logInHere(page, wait, paul.email(), newPassword, paul.displayName());
            assertThat(api.post("/api/auth/login", null, Map.of("email", paul.email(), "password", paul.password()))
                    .statusCode()).isEqualTo(401);
            page.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.urlToBe(stack.nginx().uri("/login").toString()));

            // The same link a second time: refused with the backend's reason, the password stays.
            String hash = text("SELECT password_hash FROM users WHERE email = ?", paul.email());
            submitReset(page, wait, resetPath, "encore-" + suffix);
            waitNotice(wait, "error", "Ce lien de réinitialisation a déjà été utilisé");
            assertThat(text("SELECT password_hash FROM users WHERE email = ?", paul.email())).isEqualTo(hash);

            // A link cut short says so.
            page.get(stack.nginx().uri("/reset-password").toString());
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-missing"))).getText())
                    .contains("Lien incomplet");

            // A new link left past its hour: refused as expired, the password stays.
            requestLink(page, wait, paul.email());
            String late = "/reset-password?token=" + token(link, mailTo(paul.email(), 2));
            // One mail thread handles the requests in order: the unknown address's came before, and sent nothing.
            for (MimeMessage sentMail : smtp.mails()) {
                assertThat(List.of(sentMail.getAllRecipients()).toString()).doesNotContain(unknown);
            }
            execute("UPDATE password_reset_tokens SET expires_at = '2001-01-01 00:00:00' WHERE used_at IS NULL "
                    + "AND user_id = (SELECT id FROM users WHERE email = ?)", paul.email());
            submitReset(page, wait, late, "tard-" + suffix);
            waitNotice(wait, "error", "Ce lien de réinitialisation a expiré");
            assertThat(text("SELECT password_hash FROM users WHERE email = ?", paul.email())).isEqualTo(hash);
        });
    }

    @Test
    void aModeratorWorksTheQueueAndAMemberHasNoStaffView() throws Exception {
        String suffix = suffix();
        Api.Account author = api.register("Nora" + suffix);
        Api.Account member = api.register("Leo" + suffix);
        Api.Account moderator = api.register("Modo" + suffix);
        execute("UPDATE users SET role = 'moderator' WHERE email = ?", moderator.email());
        String reportedTitle = "Un fail signalé " + suffix;
        String approvedTitle = "Un fail à approuver " + suffix;
        String reported = post(author, reportedTitle, false);
        String toApprove = post(author, approvedTitle, false);
        String commentText = "Un commentaire signalé " + suffix;
        String comment = Api.json(api.post("/api/fails/" + toApprove + "/comments", author.token(),
                Map.of("content", commentText)), 201).path("data").path("id").asText();
        Api.json(api.post("/api/fails/" + toApprove + "/report", moderator.token(), Map.of("reason", "test")), 200);

        inBrowser("moderation", (page, wait) -> {
            // A member reports a fail and a comment from their pages, and has no staff view.
            logIn(page, wait, member);
            assertThat(page.findElements(By.id("nav-moderation"))).isEmpty();
            page.get(stack.nginx().uri("/moderation").toString());
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("moderation-forbidden"))).getText())
                    .contains("Accès réservé");
            assertThat(page.findElements(By.id("reported-fails"))).isEmpty();
            assertThat(api.get("/api/admin/fails/reported", member.token()).statusCode()).isEqualTo(403);

            page.get(stack.nginx().uri("/feed/" + reported).toString());
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#fail-detail .report-fail"))).click();
            waitNotice(wait, "ok", "Fail signalé à la modération");
            assertThat(page.findElements(By.cssSelector("#fail-detail article"))).isEmpty();
            page.get(stack.nginx().uri("/feed/" + toApprove).toString());
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("li[data-comment-id='" + comment + "'] .report-comment"))).click();
            waitNotice(wait, "ok", "Commentaire signalé à la modération");
            assertThat(number("SELECT COUNT(*) FROM fail_reports WHERE fail_id = ?", reported)).isEqualTo(1);
            assertThat(number("SELECT COUNT(*) FROM comment_reports WHERE comment_id = ?", comment)).isEqualTo(1);
            page.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.urlToBe(stack.nginx().uri("/login").toString()));

            // The moderator's queue: both fails and the comment, with their report counts.
            logIn(page, wait, moderator);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-moderation"))).click();
            WebElement queued = wait.until(ExpectedConditions.visibilityOfElementLocated(item("reported-fails", reported)));
            assertThat(queued.getText()).contains(reportedTitle, author.displayName(), "1 signalement", "non modéré");
            wait.until(ExpectedConditions.visibilityOfElementLocated(item("reported-fails", toApprove)));
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(item("reported-comments", comment)))
                    .getText()).contains(commentText, "1 signalement");
            browser().screenshot(SCREENSHOTS.resolve("web-moderation-queue.png"));

            // Hide a fail: out of the feed, listed as hidden; restore it: back in the feed, out of the queue.
            hideThenRestore(page, wait, "fail", reported,
                    () -> assertThat(feedTitles(member)).doesNotContain(reportedTitle),
                    () -> assertThat(feedTitles(member)).contains(reportedTitle));

            // Approve a fail: out of the queue, and its page says a moderator checked it.
            decide(page, "reported-fails", toApprove, "approve");
            waitNotice(wait, "ok", "Fail approuvé");
            wait.until(ExpectedConditions.invisibilityOfElementLocated(item("reported-fails", toApprove)));
            assertThat(status("fails", toApprove)).isEqualTo("approved");

            // Hide the comment: its fail counts one comment less; restore it: counted again.
            long comments = number("SELECT comments_count FROM fails WHERE id = ?", toApprove);
            hideThenRestore(page, wait, "comment", comment,
                    () -> assertThat(number("SELECT comments_count FROM fails WHERE id = ?", toApprove)).isEqualTo(comments - 1),
                    () -> assertThat(number("SELECT comments_count FROM fails WHERE id = ?", toApprove)).isEqualTo(comments));

            page.get(stack.nginx().uri("/feed/" + toApprove).toString());
            WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#fail-detail article")));
            assertThat(detail.findElement(By.cssSelector(".validated")).getText()).isEqualTo("Vérifié par la modération");
            assertThat(detail.findElements(By.cssSelector(".report-fail"))).isEmpty();
        });
    }

    interface Check {
        void run() throws Exception;
    }

    /**
     * Hides a reported fail or comment from the queue, checks it is listed as hidden (and {@code whileHidden}),
     * restores it from that list, and checks it has left both lists, approved (and {@code afterRestore}).
     */
    private static void hideThenRestore(ChromeDriver page, WebDriverWait wait, String kind, String id, Check whileHidden,
                                        Check afterRestore) throws Exception {
        String noun = kind.equals("fail") ? "Fail" : "Commentaire";
        String table = kind + "s";
        decide(page, "reported-" + table, id, "hide");
        waitNotice(wait, "ok", noun + " masqué");
        wait.until(ExpectedConditions.visibilityOfElementLocated(item("hidden-" + table, id)));
        assertThat(status(table, id)).isEqualTo("hidden");
        whileHidden.run();
        decide(page, "hidden-" + table, id, "restore");
        waitNotice(wait, "ok", noun + " restauré");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(item("hidden-" + table, id)));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(item("reported-" + table, id)));
        assertThat(status(table, id)).isEqualTo("approved");
        afterRestore.run();
    }

    // ---- the browser ---------------------------------------------------------------------------

    interface PageSteps {
        void run(ChromeDriver page, WebDriverWait wait) throws Exception;
    }

    private static Browser current;

    private static Browser browser() {
        return current;
    }

    /** A fresh browser (empty storage) for {@code steps}; a screenshot and the HTML when they fail; no console error. */
    private void inBrowser(String name, PageSteps steps) throws Exception {
        try (Browser browser = Browser.start(work)) {
            current = browser;
            ChromeDriver page = browser.driver();
            try {
                steps.run(page, browser.waiting());
                List<LogEntry> severe = browser.console().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                        // An error the page reported itself: the API's answer to a refused request, shown to the person.
                        .filter(e -> !e.getMessage().matches("(?s).*/api/\\S+ - Failed to load resource: the server "
                                + "responded with a status of 4\\d\\d.*"))
                        .toList();
                assertThat(severe).as("console errors").isEmpty();
            } catch (Throwable t) {
                browser.screenshot(SCREENSHOTS.resolve("web-" + name + "-failure.png"));
                Files.writeString(SCREENSHOTS.resolve("web-" + name + "-failure.html"), page.getPageSource());
                throw t;
            } finally {
                current = null;
            }
        }
    }

    private static void logIn(ChromeDriver page, WebDriverWait wait, Api.Account account) {
        page.get(stack.nginx().uri("/login").toString());
        logInHere(page, wait, account.email(), account.password(), account.displayName());
    }

    private static void logInHere(ChromeDriver page, WebDriverWait wait, String email, String password, String name) {
        wait.until(ExpectedConditions.urlToBe(stack.nginx().uri("/login").toString()));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-email"))).sendKeys(email);
        page.findElement(By.id("login-password")).sendKeys(password);
        page.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlToBe(stack.nginx().uri("/feed").toString()));
        wait.until(ExpectedConditions.textToBe(By.id("who"), name));
    }

    /** Asks for a reset link on the forgotten password page; what the page answers. */
    private static String requestLink(ChromeDriver page, WebDriverWait wait, String email) {
        page.get(stack.nginx().uri("/forgot-password").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("forgot-email"))).sendKeys(email);
        page.findElement(By.id("forgot-submit")).click();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("forgot-sent"))).getText();
    }

    /** Opens a reset link and sets {@code password} (twice, the same) there. */
    private static void submitReset(ChromeDriver page, WebDriverWait wait, String resetPath, String password) {
        page.get(stack.nginx().uri(resetPath).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-password"))).sendKeys(password);
        page.findElement(By.id("reset-confirmation")).sendKeys(password);
        page.findElement(By.id("reset-submit")).click();
    }

    private static void waitNotice(WebDriverWait wait, String kind, String text) {
        wait.until(ExpectedConditions.and(
                ExpectedConditions.attributeToBe(By.id("notice"), "class", "notice " + kind),
                ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), text)));
    }

    private static String stat(ChromeDriver page, String key) {
        return page.findElement(By.cssSelector("#profile-stats dd[data-stat='" + key + "']")).getText();
    }

    private static List<WebElement> cards(ChromeDriver page) {
        return page.findElements(By.cssSelector("#feed article.fail"));
    }

    private static By cardTitled(String title) {
        return By.xpath("//section[@id='feed']//article[.//h3[@class='fail-title']/a[normalize-space(.)='" + title + "']]");
    }

    private static By item(String section, String id) {
        return By.cssSelector("#" + section + "-list li[data-id='" + id + "']");
    }

    private static void decide(ChromeDriver page, String section, String id, String action) {
        page.findElement(item(section, id)).findElement(By.cssSelector("button[data-action='" + action + "']")).click();
    }

    private static boolean loaded(ChromeDriver page, WebElement image) {
        return Boolean.TRUE.equals(((JavascriptExecutor) page).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0;", image));
    }

    // ---- set-up and checks ---------------------------------------------------------------------

    private static String suffix() {
        return String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
    }

    /** Posts a fail as {@code account}; its id. */
    private static String post(Api.Account account, String title, boolean anonymous) {
        return Api.json(api.post("/api/fails", account.token(), Map.of("title", title, "description",
                "Raconté pour le test.", "category", "Général", "is_anonyme", anonymous)), 201).path("fail").path("id").asText();
    }

    private static List<String> feedTitles(Api.Account viewer) {
        JsonNode feed = Api.json(api.get("/api/fails?limit=100", viewer.token()), 200);
        return feed.path("fails").findValuesAsText("title");
    }

    /** display_name, bio, avatar_url of the account with {@code email}. */
    private static List<String> profileRow(String email) throws SQLException {
        try (Connection c = stack.connect(Defaults.DATABASE_NAME);
             PreparedStatement st = c.prepareStatement("SELECT p.display_name, p.bio, p.avatar_url FROM profiles p "
                     + "JOIN users u ON u.id = p.user_id WHERE u.email = ?")) {
            st.setString(1, email);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("a profile for " + email).isTrue();
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    row.add(rs.getString(i));
                }
                return row;
            }
        }
    }

    private static String status(String table, String id) throws SQLException {
        return text("SELECT moderation_status FROM " + table + " WHERE id = ?", id);
    }

    private static long number(String sql, Object... args) throws SQLException {
        return Long.parseLong(text(sql, args));
    }

    private static String text(String sql, Object... args) throws SQLException {
        try (Connection c = stack.connect(Defaults.DATABASE_NAME); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static void execute(String sql, Object... args) throws SQLException {
        try (Connection c = stack.connect(Defaults.DATABASE_NAME); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            assertThat(st.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    /** The text parts of the {@code n}th mail (from 1) the backend sent to {@code email}, once it has arrived. */
    private static String mailTo(String email, int n) throws MessagingException {
        long deadline = System.currentTimeMillis() + MAIL_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            List<MimeMessage> to = new ArrayList<>();
            for (MimeMessage m : smtp.mails()) {
                for (Address address : m.getAllRecipients()) {
                    if (address.toString().contains(email)) {
                        to.add(m);
                    }
                }
            }
            if (to.size() >= n) {
                return String.join("\n", SmtpServer.textParts(to.get(n - 1)));
            }
            LocalProcesses.sleep(100);
        }
        throw new AssertionError(n + " mails to " + email + " not there within " + MAIL_WAIT_MS + " ms");
    }

    /** The token of the reset link in a mail's text. */
    private static String token(Pattern link, String mail) {
        Matcher m = link.matcher(mail);
        assertThat(m.find()).as(mail).isTrue();
        return m.group(1);
    }
}

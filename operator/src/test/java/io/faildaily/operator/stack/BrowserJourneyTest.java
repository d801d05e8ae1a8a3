package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.RestoreSpec;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's first visit, in headless Chromium, through nginx: the default web page registers them, they post a
 * fail with a photo, see it in the feed, react to it, comment on it, reload its deep link, log out and back in.
 * Then the operator's backup Job dumps this live database and its restore Job loads the dump into a fresh
 * server, where the fail posted in the browser is found.
 */
@ExtendWith(StackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneyTest {
    static final Path SCREENSHOTS = Path.of(System.getProperty("faildaily.repoRoot", "..")).toAbsolutePath().normalize()
            .resolve("operator/target/stack");

    /** What the journey posted, for the backup test that follows it. */
    private static String postedTitle;
    private static String postedComment;
    private static String[] postedBy;

    @TempDir
    Path work;

    @Test
    @Order(1)
    void aVisitorRegistersPostsAFailWithAPhotoReactsAndComments(Stack stack) throws Exception {
        String suffix = String.valueOf(ThreadLocalRandom.current().nextInt(1000, 9999));
        String name = "Julie" + suffix;
        String email = "julie" + suffix + "@example.test";
        String password = "courage-" + suffix;
        String title = "J'ai brûlé les crêpes de la Chandeleur n°" + suffix;
        String comment = "Courage, ça arrive à tout le monde !";
        Path photo = Files.write(work.resolve("crepes.png"), Api.png(480, 270));
        Files.deleteIfExists(SCREENSHOTS.resolve("browser-journey-failure.png"));
        Files.deleteIfExists(SCREENSHOTS.resolve("browser-journey-failure.html"));

        try (Browser browser = Browser.start(work)) {
            ChromeDriver page = browser.driver();
            WebDriverWait wait = browser.waiting();
            try {
                // A first visit lands on the login form; the nav leads to registration.
                page.get(stack.nginx().uri("/").toString());
                wait.until(ExpectedConditions.urlToBe(stack.nginx().uri("/login").toString()));
                page.findElement(By.cssSelector("#nav a[href='/register']")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("register-form")));

                page.findElement(By.id("register-name")).sendKeys(name);
                page.findElement(By.id("register-email")).sendKeys(email);
                page.findElement(By.id("register-password")).sendKeys(password);
                // A date input's typed format follows the browser locale; its value is always ISO.
                setValue(page, page.findElement(By.id("register-birthdate")), "1994-02-02");
                page.findElement(By.id("register-terms")).click();
                browser.screenshot(SCREENSHOTS.resolve("browser-journey-register.png"));
                page.findElement(By.id("register-submit")).click();

                wait.until(ExpectedConditions.urlToBe(stack.nginx().uri("/feed").toString()));
                wait.until(ExpectedConditions.textToBe(By.id("who"), name));

                // Post a fail with a photo.
                page.findElement(By.id("fail-title")).sendKeys(title);
                page.findElement(By.id("fail-description")).sendKeys("Trois crêpes collées au plafond, "
                        + "la quatrième dans le chat. Le chat va bien.");
                new Select(page.findElement(By.id("fail-category"))).selectByVisibleText("Cuisine");
                page.findElement(By.id("fail-image")).sendKeys(photo.toString());
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fail-preview")));
                page.findElement(By.id("fail-submit")).click();

                WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(cardTitled(title)));
                String failId = card.getAttribute("data-fail-id");
                assertThat(failId).matches("[0-9a-f-]{36}");
                assertThat(card.findElement(By.cssSelector(".author")).getText()).isEqualTo(name);
                assertThat(card.findElement(By.cssSelector(".category")).getText()).isEqualTo("Cuisine");
                WebElement image = card.findElement(By.cssSelector("img.fail-image"));
                assertThat(image.getAttribute("src")).contains("/uploads/fails/");
                wait.until(d -> loaded(page, image));

                // React: the count and the pressed state come back from the API.
                card.findElement(By.cssSelector("button[data-reaction='courage']")).click();
                wait.until(d -> "1".equals(reaction(page, title, "courage").findElement(By.cssSelector(".count")).getText()));
                assertThat(reaction(page, title, "courage").getAttribute("aria-pressed")).isEqualTo("true");

                // Comment, on the fail's own page.
                card.findElement(By.cssSelector("a.comments-link")).click();
                wait.until(ExpectedConditions.urlToBe(stack.nginx().uri("/feed/" + failId).toString()));
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#fail-detail article")));
                page.findElement(By.id("comment-content")).sendKeys(comment);
                page.findElement(By.id("comment-submit")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("comments"), comment));
                browser.screenshot(SCREENSHOTS.resolve("browser-journey-fail-page.png"));

                // The deep link survives a reload: nginx answers index.html, the page routes to the fail.
                page.navigate().refresh();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#fail-detail .fail-title"), title));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("comments"), comment));

                // Log out, log back in: the feed remembers the reaction and counts the comment.
                page.findElement(By.id("logout")).click();
                wait.until(ExpectedConditions.urlToBe(stack.nginx().uri("/login").toString()));
                page.findElement(By.id("login-email")).sendKeys(email);
                page.findElement(By.id("login-password")).sendKeys(password);
                page.findElement(By.id("login-submit")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(cardTitled(title)));
                wait.until(d -> "true".equals(reaction(page, title, "courage").getAttribute("aria-pressed")));
                WebElement again = page.findElement(cardTitled(title));
                assertThat(again.findElement(By.cssSelector("a.comments-link")).getText()).contains("1 commentaire");
                wait.until(d -> loaded(page, again.findElement(By.cssSelector("img.fail-image"))));

                Path shot = browser.screenshot(SCREENSHOTS.resolve("browser-journey-feed.png"));
                assertThat(Files.size(shot)).isGreaterThan(10_000);

                // No script error and no Content-Security-Policy violation on the way.
                List<LogEntry> severe = browser.console().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                assertThat(severe).as("console errors").isEmpty();
            } catch (Throwable t) {
                browser.screenshot(SCREENSHOTS.resolve("browser-journey-failure.png"));
                Files.writeString(SCREENSHOTS.resolve("browser-journey-failure.html"), page.getPageSource());
                throw t;
            }
        }
        postedTitle = title;
        postedComment = comment;
        postedBy = new String[] {email, password};
    }

    @Test
    @Order(2)
    void theBackupJobDumpsTheLiveDatabaseAndTheRestoreJobLoadsItIntoAFreshOne(Stack stack) throws Exception {
        assumeTrue(postedTitle != null, "the browser journey posted nothing to look for");
        FailDaily fd = stack.failDaily();
        ScriptJob jobs = new ScriptJob(work);

        Container backupContainer = BackupModel.cronJob(fd).getSpec().getJobTemplate().getSpec().getTemplate()
                .getSpec().getContainers().get(0);
        ScriptJob.Run backup = jobs.run(backupContainer, stack.secret(), stack.database().host(), stack.database().port());
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        assertThat(backup.terminationMessage()).matches("file=faildaily_backup_\\d{8}_\\d{6}\\.sql\\.gz size=\\d+");
        String file = backup.terminationMessage().replaceAll("^file=(\\S+) .*$", "$1");
        assertThat(jobs.backups().resolve(file)).exists();

        // A fresh server, prepared as the mysql image prepares a new volume for the same FailDaily.
        try (MariaDbServer fresh = MariaDbServer.start()) {
            Stack.prepareAsTheMysqlImage(fresh, stack.secret());
            assertThat(titles(fresh, stack)).isEmpty();

            RestoreSpec restore = new RestoreSpec();
            restore.setFrom(file);
            FailDaily restoring = FailDailies.of(Stack.NAMESPACE, Stack.NAME, spec -> spec.setRestore(restore));
            Container restoreContainer = BackupModel.restoreJob(restoring).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            ScriptJob.Run run = jobs.run(restoreContainer, stack.secret(), fresh.host(), fresh.port());
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.terminationMessage()).startsWith("restored=" + file + " safety=pre-restore_");

            assertThat(titles(fresh, stack)).contains(postedTitle);
            try (Connection c = Stack.connect(fresh, stack.secret(), Defaults.DATABASE_NAME);
                 PreparedStatement st = c.prepareStatement("SELECT f.image_url, f.courage_count, f.comments_count, "
                         + "c.content FROM fails f JOIN comments c ON c.fail_id = f.id WHERE f.title = ?")) {
                st.setString(1, postedTitle);
                try (ResultSet rs = st.executeQuery()) {
                    assertThat(rs.next()).as("the posted fail with its comment").isTrue();
                    assertThat(rs.getString(1)).startsWith("/uploads/fails/");
                    assertThat(rs.getInt(2)).isEqualTo(1);
                    assertThat(rs.getInt(3)).isEqualTo(1);
                    assertThat(rs.getString(4)).isEqualTo(postedComment);
                }
            }

            // The app runs on the restored database (its migration history came along): the person logs in
            // with the password they chose in the browser and finds their fail in the feed.
            try (BackendProcess restored = stack.startBackend(fresh, work.resolve("restored-backend"))) {
                Api api = new Api(restored::uri);
                JsonNode login = Api.json(api.post("/api/auth/login", null,
                        Map.of("email", postedBy[0], "password", postedBy[1])), 200);
                JsonNode feed = Api.json(api.get("/api/fails", login.path("token").asText()), 200);
                assertThat(feed.path("fails").findValuesAsText("title")).contains(postedTitle);
            }
        }
    }

    /** The titles of the fails on {@code server}; none when the schema has not been created there. */
    private static List<String> titles(MariaDbServer server, Stack stack) throws SQLException {
        try (Connection c = Stack.connect(server, stack.secret(), Defaults.DATABASE_NAME);
             ResultSet rs = c.createStatement().executeQuery("SELECT title FROM fails")) {
            List<String> titles = new ArrayList<>();
            while (rs.next()) {
                titles.add(rs.getString(1));
            }
            return titles;
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState())) { // no such table
                return List.of();
            }
            throw e;
        }
    }

    private static By cardTitled(String title) {
        return By.xpath("//section[@id='feed']//article[.//h3[@class='fail-title']/a[normalize-space(.)="
                + xpathLiteral(title) + "]]");
    }

    private static WebElement reaction(ChromeDriver page, String title, String type) {
        return page.findElement(cardTitled(title)).findElement(By.cssSelector("button[data-reaction='" + type + "']"));
    }

    private static boolean loaded(ChromeDriver page, WebElement image) {
        Object ok = ((JavascriptExecutor) page).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0;", image);
        return Boolean.TRUE.equals(ok);
    }

    private static void setValue(ChromeDriver page, WebElement input, String value) {
        ((JavascriptExecutor) page).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                input, value);
    }

    /** An XPath string literal for text that may hold both quote kinds. */
    private static String xpathLiteral(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        if (!s.contains("\"")) {
            return "\"" + s + "\"";
        }
        return "concat('" + s.replace("'", "', \"'\", '") + "')";
    }
}

package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.FrontendModel;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * An Angular 20 + Ionic 8 production build's index.html and what its scripts do at start (the
 * {@code media="print" onload="this.media='all'"} stylesheet link, inlined critical CSS, module scripts, a web
 * component with a shadow root, its own style element and a constructable stylesheet, style attributes set by
 * script; files under {@code src/test/resources/angular-build/}) served by Debian's nginx with the rendered
 * nginx.conf, as the frontend pod serves its document root, and opened in headless Chromium. It must render
 * with its global stylesheet applied and without a single Content-Security-Policy violation, under both
 * defaults, and the test must see the breakage under the policy the operator sent before.
 */
class AngularBuildPolicyTest {
    /** The policy of the operator's nginx.conf before it was a setting: script-src 'self' blocks the onload handler. */
    static final String OLD_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    static final List<String> FILES = List.of("index.html", "styles-5INURTSO.css", "polyfills-FFHMD2TL.js",
            "main-Q3ZP7LKM.js");
    /** Records every violation from the first moment of each page, before any of its own scripts runs. */
    private static final String VIOLATION_RECORDER = "window.__violations = []; window.__stylesheetLoaded = false;"
            + "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
            + "e.violatedDirective + ' blocked ' + e.blockedURI + (e.sample ? ' (' + e.sample + ')' : '')));"
            // Capturing, so it sees the link's load event before the link's own onload handler (or its refusal).
            + "document.addEventListener('load', e => { if (e.target.localName === 'link') window.__stylesheetLoaded = true; }, true);";

    /** What Chromium shows of the page. */
    record Rendering(String policySent, boolean booted, String stylesheetMedia, String bodyBackground,
                     String formBorder, String shadowFormDisplay, String adoptedMarginTop, String buttonBackground,
                     String hostPaddingLeft, List<String> violations, List<String> consoleErrors) {}

    @TempDir
    Path work;

    @Test
    void rendersUnderTheDefaultPagesPolicy() {
        FailDaily defaultPage = FailDailies.of("apps", "faildaily");
        assertThat(FrontendModel.servesDefaultWebPage(defaultPage)).isTrue();
        assertRendersCompletely(open(defaultPage), Defaults.CONTENT_SECURITY_POLICY);
    }

    @Test
    void rendersUnderTheDefaultForAFrontendImage() {
        assertRendersCompletely(open(withImage(null)), Defaults.IMAGE_CONTENT_SECURITY_POLICY);
    }

    @Test
    void rendersWithNoPolicyAtAll() {
        Rendering page = open(withImage(""));
        assertThat(page.policySent()).isNull();
        assertRendersCompletely(page, null);
    }

    @Test
    void theOldPolicyBreaksItAndThisTestSeesIt() {
        Rendering page = open(withImage(OLD_POLICY));
        assertThat(page.policySent()).isEqualTo(OLD_POLICY);
        // The global stylesheet never applies: the handler that would switch it from print to all is refused.
        assertThat(page.stylesheetMedia()).isEqualTo("print");
        assertThat(page.bodyBackground()).isEqualTo("rgba(0, 0, 0, 0)");
        assertThat(page.formBorder()).isNotEqualTo("3px solid rgb(56, 128, 255)");
        assertThat(page.violations()).anySatisfy(v -> assertThat(v).startsWith("script-src-attr blocked inline"));
        assertThat(page.consoleErrors()).anySatisfy(e -> assertThat(e).contains("Content Security Policy"));
    }

    private static void assertRendersCompletely(Rendering page, String policy) {
        assertThat(page.policySent()).isEqualTo(policy);
        assertThat(page.violations()).as("securitypolicyviolation events").isEmpty();
        assertThat(page.consoleErrors()).as("console errors").isEmpty();
        assertThat(page.booted()).as("the module scripts ran").isTrue();
        // The global stylesheet applies (the onload handler ran) ...
        assertThat(page.stylesheetMedia()).isEqualTo("all");
        assertThat(page.bodyBackground()).isEqualTo("rgb(244, 245, 248)");
        assertThat(page.formBorder()).isEqualTo("3px solid rgb(56, 128, 255)");
        // ... and so do the web component's own styles and the style attributes set by script.
        assertThat(page.shadowFormDisplay()).isEqualTo("grid");
        assertThat(page.adoptedMarginTop()).isEqualTo("5px");
        assertThat(page.buttonBackground()).isEqualTo("rgb(56, 128, 255)");
        assertThat(page.hostPaddingLeft()).isEqualTo("7px");
    }

    /** A FailDaily with a frontend image of its own and {@code policy} as contentSecurityPolicy (null: unset). */
    private static FailDaily withImage(String policy) {
        return FailDailies.of("apps", "faildaily", spec -> {
            spec.getFrontend().setImage("registry.example/faildaily-frontend:2.0.0");
            spec.getFrontend().getNginx().setContentSecurityPolicy(policy);
        });
    }

    /** The build behind the nginx.conf rendered for {@code fd}, opened in Chromium. */
    private Rendering open(FailDaily fd) {
        Map<String, String> build = new LinkedHashMap<>();
        FILES.forEach(name -> build.put(name, resource(name)));
        // No backend: the page calls none, and nginx resolves the upstream's address only when it proxies.
        try (NginxServer nginx = NginxServer.start(FrontendModel.nginxConf(fd), build, "127.0.0.1:9");
             Browser browser = Browser.start(work)) {
            String policy = Http.get(nginx.uri("/")).headers().firstValue("Content-Security-Policy").orElse(null);
            ChromeDriver page = browser.driver();
            page.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATION_RECORDER));
            page.get(nginx.uri("/").toString());
            browser.waiting().until(d -> "complete".equals(script(page, "return document.readyState")));
            // The link's onload handler runs (or is refused) when the stylesheet has loaded; violation events are
            // queued then, so they are in before two more turns of the event loop.
            browser.waiting().until(d -> Boolean.TRUE.equals(script(page, "return window.__stylesheetLoaded")));
            page.executeAsyncScript("const done = arguments[arguments.length - 1]; setTimeout(() => setTimeout(done, 50), 0);");
            return new Rendering(policy,
                    "true".equals(script(page, "return document.body.dataset.booted || 'false'")),
                    (String) script(page, "return document.querySelector('link[rel=stylesheet]').media"),
                    computed(page, "document.body", "background-color"),
                    computed(page, "document.querySelector('fd-post-form')", "border"),
                    computed(page, "document.querySelector('fd-post-form').shadowRoot.querySelector('form')", "display"),
                    computed(page, "document.querySelector('fd-post-form')", "margin-top"),
                    computed(page, "document.querySelector('fd-post-form').shadowRoot.querySelector('button')",
                            "background-color"),
                    computed(page, "document.querySelector('fd-post-form')", "padding-left"),
                    violations(page),
                    browser.console().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                            .map(e -> e.getMessage()).toList());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations(ChromeDriver page) {
        return (List<String>) script(page, "return window.__violations");
    }

    private static String computed(ChromeDriver page, String element, String property) {
        return (String) script(page, "return getComputedStyle(" + element + ").getPropertyValue('" + property + "')");
    }

    private static Object script(ChromeDriver page, String js) {
        return ((JavascriptExecutor) page).executeScript(js);
    }

    private static String resource(String name) {
        try (InputStream in = AngularBuildPolicyTest.class.getResourceAsStream("/angular-build/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource angular-build/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.faildaily.operator.model.FrontendModel;
import org.junit.jupiter.api.Test;

/**
 * The default web page's files as the operator puts them in the ConfigMap: what the page's
 * Content-Security-Policy ({@code script-src 'self'}, {@code connect-src 'self'}, ...) and a build-free
 * deployment require, checked on the text. The browser journey checks the same on the running page.
 */
class WebPageTest {
    private final Map<String, String> web = FrontendModel.webData();

    @Test
    void theConfigMapHoldsExactlyThePageFiles() {
        assertThat(web.keySet()).containsExactly("index.html", "app.js", "account.js", "moderation.js", "styles.css");
        assertThat(web.values()).allSatisfy(text -> assertThat(text).isNotBlank());
    }

    @Test
    void indexLoadsOnlyItsOwnScriptAndStylesheetAndHasNoInlineScript() {
        String index = web.get("index.html");
        List<String> references = new ArrayList<>();
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(index);
        while (m.find()) {
            references.add(m.group(1));
        }
        assertThat(references).containsExactlyInAnyOrder("/styles.css", "/app.js", "/account.js", "/moderation.js", "/feed");
        // Every <script> has a src and no body, the core first (the others add their views to it); no inline
        // event handler attributes.
        String scripts = "<script src=\"/app.js\"></script>\n  <script src=\"/account.js\"></script>\n"
                + "  <script src=\"/moderation.js\"></script>";
        assertThat(index).contains(scripts);
        assertThat(index.replace(scripts, "")).doesNotContain("<script");
        assertThat(index).doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void nothingIsLoadedFromAnotherOrigin() {
        web.forEach((name, text) -> {
            assertThat(text).as(name).doesNotContainPattern("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/");
            assertThat(text).as(name).doesNotContainPattern("(?i)@import|url\\(\\s*['\"]?(https?:|//)");
        });
    }

    @Test
    void theScriptCallsTheApiOnTheSameOriginOnly() {
        String js = web.get("app.js");
        assertThat(js).contains("fetch('/api' + path");
        for (String script : List.of("app.js", "account.js", "moderation.js")) {
            assertThat(web.get(script)).as(script).doesNotContain("eval(", "new Function", "innerHTML", "outerHTML",
                    "insertAdjacentHTML", "document.write", "setAttribute('style'", "XMLHttpRequest");
        }
        // account.js and moderation.js call the API through app.js's client only.
        assertThat(web.get("account.js") + web.get("moderation.js")).doesNotContain("fetch(");
        // The routes the API test of the journey goes through.
        assertThat(js).contains("'/registration/check-display-name?displayName='", "'/auth/register'", "'/auth/login'",
                "'/upload/image'", "'/fails'", "/reactions'", "/comments'");
    }
}

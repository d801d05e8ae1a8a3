package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FrontendSpec;
import io.faildaily.operator.api.NginxSpec;
import io.faildaily.operator.api.Patterns;
import io.faildaily.operator.model.FrontendModel;
import io.faildaily.operator.reconciler.SpecValidator;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/**
 * The nginx.conf the operator renders, checked by Debian's nginx binary ({@code nginx -t}), for the defaults and
 * for every nginx setting changed; and the proof that the local runs change nothing but machine paths and ports.
 */
class NginxConfigTest {
    private static final String UPSTREAM = "127.0.0.1:3000";

    @Test
    void nginxAcceptsTheDefaultConfig() {
        NginxServer.Check check = NginxServer.test(FrontendModel.nginxConf(FailDailies.of("apps", "faildaily")), UPSTREAM);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("syntax is ok").contains("test is successful");
    }

    @Test
    void nginxAcceptsTheConfigWithEveryNginxSettingChanged() {
        FailDaily fd = FailDailies.of("apps", "tuned", spec -> {
            NginxSpec nginx = new NginxSpec();
            nginx.setWorkerProcesses("2");
            nginx.setGzip(false);
            nginx.setKeepaliveTimeout(30);
            nginx.setClientMaxBodySize("25m");
            FrontendSpec frontend = spec.getFrontend();
            frontend.setNginx(nginx);
            spec.setFrontend(frontend);
        });
        String rendered = FrontendModel.nginxConf(fd);
        assertThat(rendered).contains("worker_processes 2;", "gzip off;", "keepalive_timeout 30;", "client_max_body_size 25m;");
        NginxServer.Check check = NginxServer.test(rendered, UPSTREAM);
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void anyPolicyTheValidatorAcceptsIsSentAsWrittenAndAnEmptyOneSendsNone() {
        // Every printable character the validator lets through, quotes and semicolons among them.
        StringBuilder every = new StringBuilder("default-src 'self'; report-uri /csp?");
        for (char c = 0x20; c < 0x7f; c++) {
            if (String.valueOf(c).matches(Patterns.CONTENT_SECURITY_POLICY)) {
                every.append(c);
            }
        }
        String policy = every.toString();
        assertThat(policy).contains("'", ";", "#", "%", "&", "|", "~").doesNotContain("\"", "$", "\\", "{", "}");
        for (String written : List.of(policy, "")) {
            FailDaily fd = FailDailies.of("apps", "faildaily", spec -> spec.getFrontend().getNginx()
                    .setContentSecurityPolicy(written));
            assertThat(SpecValidator.validate(fd)).isEmpty();
            String rendered = FrontendModel.nginxConf(fd);
            NginxServer.Check check = NginxServer.test(rendered, UPSTREAM);
            assertThat(check.exitCode()).as(check.output()).isZero();
            try (NginxServer nginx = NginxServer.start(rendered, Map.of("index.html", "<!doctype html>"), UPSTREAM)) {
                var headers = Http.get(nginx.uri("/")).headers();
                assertThat(headers.allValues("Content-Security-Policy"))
                        .isEqualTo(written.isEmpty() ? List.of() : List.of(written));
                assertThat(headers.allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
                assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
                assertThat(headers.allValues("Referrer-Policy")).containsExactly("strict-origin-when-cross-origin");
            }
        }
    }

    @Test
    void nginxRefusesABrokenConfig() {
        // The check can fail: an unknown directive is refused with its line.
        String rendered = FrontendModel.nginxConf(FailDailies.of("apps", "faildaily"));
        String broken = rendered.replaceFirst("\nhttp \\{\n", "\nhttp {\n    no_such_directive on;\n");
        assertThat(broken).isNotEqualTo(rendered);
        NginxServer.Check check = NginxServer.test(broken, UPSTREAM);
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.output()).contains("unknown directive \"no_such_directive\"");
    }

    @Test
    void theLocalRunChangesOnlyPathsTheUpstreamAndTheListenAddress() {
        String rendered = FrontendModel.nginxConf(FailDailies.of("apps", "faildaily"));
        Path dir = Path.of("/tmp/nginx-x");
        String local = NginxServer.localize(rendered, dir, "127.0.0.1:4567", 8765);

        List<String> before = rendered.lines().toList();
        List<String> after = local.lines().toList();
        assertThat(after).hasSameSizeAs(before);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(before.get(i).strip() + "  =>  " + after.get(i).strip());
            }
        }
        assertThat(changed).containsExactlyInAnyOrder(
                "pid /tmp/nginx.pid;  =>  pid /tmp/nginx-x/nginx.pid;",
                "client_body_temp_path /var/cache/nginx/client_temp;  =>  client_body_temp_path /tmp/nginx-x/cache/client_temp;",
                "proxy_temp_path /var/cache/nginx/proxy_temp;  =>  proxy_temp_path /tmp/nginx-x/cache/proxy_temp;",
                "fastcgi_temp_path /var/cache/nginx/fastcgi_temp;  =>  fastcgi_temp_path /tmp/nginx-x/cache/fastcgi_temp;",
                "uwsgi_temp_path /var/cache/nginx/uwsgi_temp;  =>  uwsgi_temp_path /tmp/nginx-x/cache/uwsgi_temp;",
                "scgi_temp_path /var/cache/nginx/scgi_temp;  =>  scgi_temp_path /tmp/nginx-x/cache/scgi_temp;",
                "root /usr/share/nginx/html;  =>  root /tmp/nginx-x/html;",
                "server faildaily-backend.apps.svc:3000;  =>  server 127.0.0.1:4567;",
                "listen 8080;  =>  listen 127.0.0.1:8765;");

        // Every file nginx writes or reads (access_log off aside) is in the temp dir, but the mime types Debian ships
        // as the image does, and the logs: the process's stdout and stderr, as in the pod.
        Matcher files = Pattern.compile("(?m)^[ \\t]*(pid|error_log|access_log|\\w+_temp_path|root|include)[ \\t]+(/[^;\\s]*)")
                .matcher(local);
        List<String> outside = new ArrayList<>();
        int count = 0;
        while (files.find()) {
            count++;
            if (!files.group(2).startsWith(dir + "/")) {
                outside.add(files.group(2));
            }
        }
        assertThat(count).as("pid, error_log, include, five temp paths, access_log, root").isEqualTo(10);
        assertThat(outside).containsExactlyInAnyOrder("/dev/stderr", "/etc/nginx/mime.types", "/dev/stdout");
    }
}

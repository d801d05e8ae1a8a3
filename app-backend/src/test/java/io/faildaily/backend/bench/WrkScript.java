package io.faildaily.backend.bench;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The Lua script wrk runs for one route: each request takes the next bearer token and the next path of the
 * route's lists (threads start at different places), with the route's method and JSON body.
 */
final class WrkScript {
    private WrkScript() {}

    static String of(String method, List<String> paths, List<String> tokens, String jsonBody) {
        return "local tokens = " + luaList(tokens) + "\n"
                + "local paths = " + luaList(paths) + "\n"
                + "local body = " + (jsonBody == null ? "nil" : luaString(jsonBody)) + "\n"
                + "local n = 0\n"
                + "local thread_count = 0\n"
                + "function setup(thread)\n"
                + "  thread:set(\"start\", thread_count * 7919)\n"
                + "  thread_count = thread_count + 1\n"
                + "end\n"
                + "function init(args)\n"
                + "  n = start or 0\n"
                + "end\n"
                + "function request()\n"
                + "  n = n + 1\n"
                + "  local headers = { [\"Authorization\"] = \"Bearer \" .. tokens[n % #tokens + 1] }\n"
                + "  if body then headers[\"Content-Type\"] = \"application/json\" end\n"
                + "  return wrk.format(\"" + method + "\", paths[n % #paths + 1], headers, body)\n"
                + "end\n";
    }

    private static String luaList(List<String> values) {
        return values.stream().map(WrkScript::luaString).collect(Collectors.joining(", ", "{", "}"));
    }

    /** A Lua string literal; the values here are ids, tokens, paths and small JSON bodies. */
    private static String luaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}

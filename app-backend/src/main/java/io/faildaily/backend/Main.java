package io.faildaily.backend;

/** Placeholder entry point until the app-backend issue lands. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("faildaily-backend");
    }
}

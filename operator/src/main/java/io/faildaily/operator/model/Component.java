package io.faildaily.operator.model;

/** The app.kubernetes.io/component values: which tier of the seed's topology an object belongs to. */
public enum Component {
    DATABASE("database"),
    BACKEND("backend"),
    FRONTEND("frontend"),
    BACKUP("backup");

    private final String label;

    Component(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

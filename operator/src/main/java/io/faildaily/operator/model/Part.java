package io.faildaily.operator.model;

/**
 * Each child object of a FailDaily: its name suffix ({@code <name>-<suffix>}), its tier, and the value of
 * its {@code faildaily.io/part} label, which the operator's informers select on.
 */
public enum Part {
    CREDENTIALS(PartLabels.CREDENTIALS, Component.DATABASE),
    DATABASE(PartLabels.DATABASE, Component.DATABASE),
    DATABASE_CONFIG(PartLabels.DATABASE_CONFIG, Component.DATABASE),
    BACKEND(PartLabels.BACKEND, Component.BACKEND),
    UPLOADS(PartLabels.UPLOADS, Component.BACKEND),
    LOGS(PartLabels.LOGS, Component.BACKEND),
    FRONTEND(PartLabels.FRONTEND, Component.FRONTEND),
    FRONTEND_CONFIG(PartLabels.FRONTEND_CONFIG, Component.FRONTEND),
    WEB(PartLabels.WEB, Component.FRONTEND),
    CACHE(PartLabels.CACHE, Component.FRONTEND),
    DEFAULT_DENY(PartLabels.DEFAULT_DENY, Component.FRONTEND),
    BACKUP(PartLabels.BACKUP, Component.BACKUP),
    BACKUP_NOW(PartLabels.BACKUP_NOW, Component.BACKUP),
    BACKUP_SCRIPTS(PartLabels.BACKUP_SCRIPTS, Component.BACKUP),
    BACKUPS(PartLabels.BACKUPS, Component.BACKUP),
    RESTORE(PartLabels.RESTORE, Component.BACKUP),
    VERIFY(PartLabels.VERIFY, Component.BACKUP);

    private final String suffix;
    private final Component component;

    Part(String suffix, Component component) {
        this.suffix = suffix;
        this.component = component;
    }

    public String suffix() {
        return suffix;
    }

    public Component component() {
        return component;
    }
}

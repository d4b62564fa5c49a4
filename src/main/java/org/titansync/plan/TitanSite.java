package org.titansync.plan;

/** A site as Titan holds it. {@code code} may be null. */
public record TitanSite(String id, String name, String code, boolean active) {}

package org.titansync.plan;

/** A role as Titan holds it. */
public record TitanRole(String id, String name) {}

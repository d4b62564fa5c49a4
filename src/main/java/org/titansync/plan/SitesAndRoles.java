package org.titansync.plan;

import java.util.List;

/**
 * Titan's sites and roles, read whole before any user: all the plan's first half needs besides the
 * file ({@link Planner#prepare}).
 */
public record SitesAndRoles(List<TitanSite> sites, List<TitanRole> roles) {
  public SitesAndRoles {
    sites = List.copyOf(sites);
    roles = List.copyOf(roles);
  }
}

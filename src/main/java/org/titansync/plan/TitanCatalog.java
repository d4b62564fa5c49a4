package org.titansync.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Titan's sites and roles indexed for the planner: resolves the names a file uses (through the
 * configured aliases and role map) and names the ids a plan shows. One per planning pass (it
 * caches, so it is not shared between threads).
 */
final class TitanCatalog {

  private final Map<String, TitanSite> siteByName = new HashMap<>();
  private final Map<String, TitanSite> siteByCode = new HashMap<>();
  private final Map<String, TitanSite> siteById = new HashMap<>();
  private final Map<String, TitanRole> roleByName = new HashMap<>();
  private final Map<String, TitanRole> roleById = new HashMap<>();
  private final Map<String, String> siteAliases;
  private final Map<String, String> roleMap;
  private final Map<String, TitanSite> siteCache = new HashMap<>();
  private final Map<String, TitanRole> roleCache = new HashMap<>();
  private final Map<List<String>, RoleIds> roleIdsCache = new HashMap<>();
  private static final int MAX_CACHED = 20_000;

  TitanCatalog(List<TitanSite> sites, List<TitanRole> roles, PlanOptions options) {
    for (TitanSite site : sites) {
      siteById.putIfAbsent(site.id(), site);
      siteByName.putIfAbsent(lower(site.name()), site);
      if (site.code() != null && !site.code().isBlank()) {
        siteByCode.putIfAbsent(lower(site.code()), site);
      }
    }
    for (TitanRole role : roles) {
      roleById.putIfAbsent(role.id(), role);
      roleByName.putIfAbsent(lower(role.name()), role);
    }
    siteAliases = lowerKeys(options.siteAliases());
    roleMap = lowerKeys(options.roleMap());
  }

  /** The Titan site a file's site name means, or null when there is none. */
  TitanSite site(String fileName) {
    // A file names few sites many times over: resolve each spelling once.
    if (siteCache.containsKey(fileName)) {
      return siteCache.get(fileName);
    }
    String target = siteAliases.getOrDefault(lower(fileName), fileName);
    String key = lower(target);
    TitanSite byName = siteByName.get(key);
    TitanSite site = byName != null ? byName : siteByCode.get(key);
    siteCache.put(fileName, site);
    return site;
  }

  /** The alias target for a file's site name, or null when no alias names it. */
  String siteAlias(String fileName) {
    return siteAliases.get(lower(fileName));
  }

  /** The Titan role a file's role name means, or null when there is none. */
  TitanRole role(String fileName) {
    if (roleCache.containsKey(fileName)) {
      return roleCache.get(fileName);
    }
    TitanRole role = roleByName.get(lower(roleMap.getOrDefault(lower(fileName), fileName)));
    roleCache.put(fileName, role);
    return role;
  }

  /**
   * The Titan role ids a file's role names mean, and the names that mean none. Files repeat a few
   * role lists over many rows (and the roster shares their instances): each list is resolved once.
   */
  RoleIds roleIds(List<String> fileNames) {
    RoleIds known = roleIdsCache.get(fileNames);
    if (known != null) {
      return known;
    }
    List<String> ids = new ArrayList<>(fileNames.size());
    List<String> unknown = new ArrayList<>(0);
    for (String name : fileNames) {
      TitanRole role = role(name);
      if (role == null) {
        unknown.add(name);
      } else {
        ids.add(role.id());
      }
    }
    RoleIds resolved = new RoleIds(Set.copyOf(ids), List.copyOf(unknown));
    if (roleIdsCache.size() < MAX_CACHED) {
      roleIdsCache.put(fileNames, resolved);
    }
    return resolved;
  }

  /** Role names resolved: the ids of the known ones, and the unknown names in file order. */
  record RoleIds(Set<String> ids, List<String> unknown) {}

  /** The role-map target for a file's role name, or null when the map does not name it. */
  String roleMapping(String fileName) {
    return roleMap.get(lower(fileName));
  }

  /** Every site name Titan knows, as Titan spells it: what a misspelt name is compared with. */
  List<String> knownSiteNames() {
    List<String> names = new ArrayList<>(siteByName.size());
    siteByName.values().forEach(s -> names.add(s.name()));
    return names;
  }

  /** Every role name Titan knows, as Titan spells it. */
  List<String> knownRoleNames() {
    List<String> names = new ArrayList<>(roleByName.size());
    roleByName.values().forEach(r -> names.add(r.name()));
    return names;
  }

  /** The Titan role with this name (any case), or null. */
  TitanRole roleNamed(String titanName) {
    return roleByName.get(lower(titanName));
  }

  /** A site's name for reports; the id itself for a site the snapshot does not list. */
  String siteName(String siteId) {
    TitanSite site = siteById.get(siteId);
    return site != null ? site.name() : siteId;
  }

  /** The membership with role ids sorted and their names aligned. */
  Membership membership(String siteId, Collection<String> roleIds) {
    List<String> ids = sorted(roleIds);
    return new Membership(siteId, siteName(siteId), ids, roleNames(ids));
  }

  /** Names for role ids, in the same order; the id itself for a role the snapshot lacks. */
  List<String> roleNames(List<String> roleIds) {
    List<String> names = new ArrayList<>(roleIds.size());
    for (String id : roleIds) {
      TitanRole role = roleById.get(id);
      names.add(role != null ? role.name() : id);
    }
    return List.copyOf(names);
  }

  static List<String> sorted(Collection<String> values) {
    List<String> list = new ArrayList<>(values);
    list.sort(null);
    return List.copyOf(list);
  }

  static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> lowerKeys(Map<String, String> map) {
    Map<String, String> lowered = new HashMap<>();
    map.forEach((key, value) -> lowered.putIfAbsent(lower(key), value));
    return lowered;
  }
}

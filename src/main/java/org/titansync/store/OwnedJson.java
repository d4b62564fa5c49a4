package org.titansync.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The memory's {@code owned} map (external_id -> site id -> role ids), read straight into the
 * immutable maps the plan uses. A large district's memory holds one entry per person and is read at
 * every run, beside Titan's read: through the generic map and list readers it cost about four times
 * the work, and each site and role id was a string of its own per person. Here each id is one
 * shared string, and anything but objects of arrays of strings is refused (the memory is then
 * damaged).
 */
final class OwnedJson extends JsonDeserializer<Map<String, Map<String, Set<String>>>> {

  @Override
  public Map<String, Map<String, Set<String>>> deserialize(JsonParser p, DeserializationContext ctx)
      throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return refused(p, ctx, "an object of people");
    }
    Map<String, String> ids = new HashMap<>();
    Map<String, Map<String, Set<String>>> people = new HashMap<>();
    List<String> sites = new ArrayList<>();
    List<Set<String>> roles = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String person = p.nextFieldName(); person != null; person = p.nextFieldName()) {
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      if (value != JsonToken.START_OBJECT) {
        return refused(p, ctx, "an object of sites for " + person);
      }
      sites.clear();
      roles.clear();
      for (String site = p.nextFieldName(); site != null; site = p.nextFieldName()) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
          return refused(p, ctx, "an array of role ids for " + person + " at " + site);
        }
        names.clear();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          if (t != JsonToken.VALUE_STRING) {
            return refused(p, ctx, "a role id for " + person + " at " + site);
          }
          names.add(shared(ids, p.getText()));
        }
        sites.add(shared(ids, site));
        roles.add(names.size() == 1 ? Set.of(names.get(0)) : Set.copyOf(names));
      }
      people.put(person, sitesOf(sites, roles));
    }
    return people;
  }

  private static Map<String, Set<String>> sitesOf(List<String> sites, List<Set<String>> roles) {
    if (sites.size() == 1) {
      return Map.of(sites.get(0), roles.get(0));
    }
    Map<String, Set<String>> out = new HashMap<>();
    for (int i = 0; i < sites.size(); i++) {
      out.put(sites.get(i), roles.get(i));
    }
    return Map.copyOf(out);
  }

  /** One string per distinct id: a district has a few sites and roles, named by every person. */
  private static String shared(Map<String, String> ids, String id) {
    String known = ids.putIfAbsent(id, id);
    return known == null ? id : known;
  }

  private static Map<String, Map<String, Set<String>>> refused(
      JsonParser p, DeserializationContext ctx, String expected) throws IOException {
    return ctx.reportInputMismatch(
        Map.class, "owned: expected %s, found %s", expected, p.currentToken());
  }
}

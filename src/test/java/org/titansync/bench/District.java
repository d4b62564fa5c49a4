package org.titansync.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a generated district for the benchmarks: {@code staff.csv} with N people and a sandbox
 * seed in which the first {@code synced} of them already exist exactly as the file says.
 *
 * <pre>java -cp target/test-classes:target/titan-sync.jar org.titansync.bench.District N SYNCED DIR
 * </pre>
 */
public final class District {
  private static final String[] SITES = {
    "Lincoln Elementary",
    "Washington Middle School",
    "Roosevelt High School",
    "Jefferson Elementary",
    "District Office",
    "Adams Elementary",
    "Madison High School",
    "Monroe Middle School"
  };
  private static final String[] ROLES = {
    "Teacher",
    "Principal",
    "Nurse",
    "Counselor",
    "Office Staff",
    "Custodian",
    "Substitute",
    "Department Head"
  };

  private District() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    int synced = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    Files.createDirectories(dir);
    try (BufferedWriter csv =
            Files.newBufferedWriter(dir.resolve("staff.csv"), StandardCharsets.UTF_8);
        JsonGenerator seed =
            new JsonFactory()
                .createGenerator(dir.resolve("seed.json").toFile(), JsonEncoding.UTF8)) {
      csv.write("external_id,first_name,last_name,email,site_name,role_names\n");
      seed.writeStartObject();
      seed.writeObjectFieldStart("api_keys");
      seed.writeStringField("sandbox-key", "admin");
      seed.writeEndObject();
      seed.writeArrayFieldStart("sites");
      for (int s = 0; s < SITES.length; s++) {
        seed.writeStartObject();
        seed.writeStringField("id", "s_" + s);
        seed.writeStringField("name", SITES[s]);
        seed.writeBooleanField("active", true);
        seed.writeEndObject();
      }
      seed.writeEndArray();
      seed.writeArrayFieldStart("roles");
      for (int r = 0; r < ROLES.length; r++) {
        seed.writeStartObject();
        seed.writeStringField("id", "r_" + r);
        seed.writeStringField("name", ROLES[r]);
        seed.writeEndObject();
      }
      seed.writeEndArray();
      seed.writeArrayFieldStart("users");
      for (int i = 0; i < n; i++) {
        Person p = Person.of(i);
        String id = p.id();
        String first = p.first();
        String last = p.last();
        String email = p.email();
        int site = p.site();
        int role = p.role();
        boolean twoSites = p.twoSites();
        int site2 = p.site2();
        csv.write(
            id
                + ","
                + first
                + ","
                + last
                + ","
                + email
                + ","
                + SITES[site]
                + ","
                + ROLES[role]
                + "\n");
        if (twoSites) {
          csv.write(
              id
                  + ","
                  + first
                  + ","
                  + last
                  + ","
                  + email
                  + ","
                  + SITES[site2]
                  + ",Teacher;Substitute\n");
        }
        if (i >= synced) {
          continue;
        }
        seed.writeStartObject();
        seed.writeStringField("id", String.format("u_%07d", i + 1));
        seed.writeStringField("external_id", id);
        seed.writeStringField("first_name", first);
        seed.writeStringField("last_name", last);
        seed.writeStringField("email", email);
        seed.writeStringField("status", "active");
        seed.writeArrayFieldStart("memberships");
        membership(seed, "s_" + site, "r_" + role);
        if (twoSites) {
          membership(seed, "s_" + site2, "r_0", "r_6");
        }
        seed.writeEndArray();
        seed.writeEndObject();
      }
      seed.writeEndArray();
      seed.writeNumberField("next_user_number", synced + 1);
      seed.writeEndObject();
    }
  }

  /** Person number {@code i} of the export, as every bench writes and creates them. */
  record Person(
      String id,
      String first,
      String last,
      String email,
      int site,
      int role,
      boolean twoSites,
      int site2) {
    static Person of(int i) {
      int site = i % SITES.length;
      return new Person(
          "E" + (1_000_000 + i),
          "First" + i,
          (i % 7 == 0) ? "Núñez" + i : "Last" + i,
          "person" + i + "@district.example.org",
          site,
          i % ROLES.length,
          i % 5 == 0,
          (site + 3) % SITES.length);
    }
  }

  /** The body of the create of person {@code i}, as titan-sync sends it (the bare client's). */
  static String createBody(int i) throws IOException {
    Person p = Person.of(i);
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("external_id", p.id());
      g.writeStringField("first_name", p.first());
      g.writeStringField("last_name", p.last());
      g.writeStringField("email", p.email());
      g.writeArrayFieldStart("memberships");
      membership(g, "s_" + p.site(), "r_" + p.role());
      if (p.twoSites()) {
        membership(g, "s_" + p.site2(), "r_0", "r_6");
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toString();
  }

  private static void membership(JsonGenerator g, String site, String... roles) throws IOException {
    g.writeStartObject();
    g.writeStringField("site_id", site);
    g.writeArrayFieldStart("role_ids");
    for (String r : roles) {
      g.writeString(r);
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}

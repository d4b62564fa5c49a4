package org.titansync.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a generated district as a OneRoster 1.2 zip for the benchmarks: {@code export.zip} whose
 * users.csv holds USERS users, STAFF of them staff (every fifth at two schools) and the rest
 * students and guardians, each with their role rows in roles.csv; and a sandbox seed in which the
 * staff already exist exactly as the export says, so that a dry run reads everything and plans
 * nothing.
 *
 * <pre>
 * java -cp target/test-classes:target/titan-sync.jar org.titansync.bench.OneRosterDistrict \
 *     USERS STAFF DIR
 * </pre>
 */
public final class OneRosterDistrict {
  private static final String[] SITES = {
    "Lincoln Elementary",
    "Washington Middle School",
    "Roosevelt High School",
    "Jefferson Elementary",
    "Adams Elementary",
    "Madison High School",
    "Monroe Middle School",
    "Garfield Elementary"
  };

  /** Staff role values, and the Titan role each maps to (config: aide = "Substitute"). */
  private static final String[] VALUES = {"teacher", "principal", "counselor", "aide"};

  private static final String[] TITAN_ROLES = {"Teacher", "Principal", "Counselor", "Substitute"};

  private OneRosterDistrict() {}

  public static void main(String[] args) throws IOException {
    int users = Integer.parseInt(args[0]);
    int staff = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    Files.createDirectories(dir);
    try (OutputStream file = Files.newOutputStream(dir.resolve("export.zip"));
        ZipOutputStream zip = new ZipOutputStream(file);
        Writer out = new OutputStreamWriter(zip, StandardCharsets.UTF_8)) {
      zip.putNextEntry(new ZipEntry("manifest.csv"));
      out.write(
          """
          propertyName,value
          manifest.version,1.0
          oneroster.version,1.2
          file.orgs,bulk
          file.roles,bulk
          file.users,bulk
          file.classes,absent
          file.enrollments,absent
          """);
      out.flush();
      zip.putNextEntry(new ZipEntry("orgs.csv"));
      out.write("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n");
      out.write("org-d,,2026-08-01,Mountain View USD,district,MVUSD,\n");
      for (int s = 0; s < SITES.length; s++) {
        out.write("org-" + s + ",,2026-08-01," + SITES[s] + ",school,S" + s + ",org-d\n");
      }
      out.flush();
      zip.putNextEntry(new ZipEntry("users.csv"));
      out.write(
          "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,"
              + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,"
              + "userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,"
              + "preferredFamilyName,primaryOrgSourcedId,pronouns\n");
      for (int i = 0; i < users; i++) {
        boolean isStaff = isStaff(i, users, staff);
        String id = (isStaff ? "T" : "S") + (1_000_000 + i);
        String email =
            isStaff ? "person" + i + "@district.example.org" : "kid" + i + "@students.example.org";
        out.write(
            id
                + ",,2026-08-01,true,u"
                + i
                + ",,First"
                + i
                + ","
                + ((i % 7 == 0) ? "Núñez" + i : "Last" + i)
                + ",,"
                + id
                + ","
                + email
                + ",,,,"
                + (isStaff ? "" : String.valueOf(i % 12 + 1))
                + ",,,,,,,org-"
                + (i % SITES.length)
                + ",\n");
      }
      out.flush();
      zip.putNextEntry(new ZipEntry("roles.csv"));
      out.write(
          "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,"
              + "orgSourcedId,userProfileSourcedId\n");
      for (int i = 0; i < users; i++) {
        boolean isStaff = isStaff(i, users, staff);
        String id = (isStaff ? "T" : "S") + (1_000_000 + i);
        String role = isStaff ? VALUES[i % VALUES.length] : (i % 10 == 0 ? "guardian" : "student");
        out.write(
            "r"
                + i
                + ",,2026-08-01,"
                + id
                + ",primary,"
                + role
                + ",2026-08-15,,org-"
                + (i % SITES.length)
                + ",\n");
        if (isStaff && i % 5 == 0) {
          out.write(
              "r"
                  + i
                  + "b,,2026-08-01,"
                  + id
                  + ",secondary,teacher,2026-08-15,,org-"
                  + ((i % SITES.length + 3) % SITES.length)
                  + ",\n");
        }
      }
      out.flush();
    }
    writeSeed(dir.resolve("seed.json"), users, staff);
  }

  /** Staff are spread evenly through the file, as a SIS lists people by name. */
  private static boolean isStaff(int i, int users, int staff) {
    return (long) i * staff / users != (long) (i + 1) * staff / users;
  }

  private static void writeSeed(Path file, int users, int staff) throws IOException {
    try (JsonGenerator seed = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
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
      for (int r = 0; r < TITAN_ROLES.length; r++) {
        seed.writeStartObject();
        seed.writeStringField("id", "r_" + r);
        seed.writeStringField("name", TITAN_ROLES[r]);
        seed.writeEndObject();
      }
      seed.writeEndArray();
      seed.writeArrayFieldStart("users");
      int n = 0;
      for (int i = 0; i < users; i++) {
        if (!isStaff(i, users, staff)) {
          continue;
        }
        n++;
        seed.writeStartObject();
        seed.writeStringField("id", String.format("u_%07d", n));
        seed.writeStringField("external_id", "T" + (1_000_000 + i));
        seed.writeStringField("first_name", "First" + i);
        seed.writeStringField("last_name", (i % 7 == 0) ? "Núñez" + i : "Last" + i);
        seed.writeStringField("email", "person" + i + "@district.example.org");
        seed.writeStringField("status", "active");
        seed.writeArrayFieldStart("memberships");
        int site = i % SITES.length;
        int role = i % VALUES.length;
        int site2 = (site + 3) % SITES.length;
        if (i % 5 == 0 && site2 != site) {
          membership(seed, "s_" + site, "r_" + role);
          membership(seed, "s_" + site2, "r_0");
        } else {
          membership(seed, "s_" + site, "r_" + role);
        }
        seed.writeEndArray();
        seed.writeEndObject();
      }
      seed.writeEndArray();
      seed.writeNumberField("next_user_number", n + 1);
      seed.writeEndObject();
    }
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

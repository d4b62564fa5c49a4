package org.titansync.roster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The package fixtures for the tests of other packages: zips, a bomb, a sandbox seed. */
public final class PackageFixtures {
  private PackageFixtures() {}

  /** A fixture folder of src/test/resources/rosters. */
  public static Path fixture(String name) {
    return Packages.fixture(name);
  }

  /** The fixture zipped, in {@code wrapper/} when not empty, with Mac and hidden entries. */
  public static Path zip(String fixture, Path zip, String wrapper) throws IOException {
    return Packages.zip(
        fixture(fixture),
        zip,
        wrapper,
        wrapper.isEmpty()
            ? Map.of()
            : Map.of(
                "__MACOSX/" + wrapper + "/._users.csv",
                "\u0000\u0005\u0016\u0007 resource fork",
                wrapper + "/.DS_Store",
                "Bud1"));
  }

  /** A OneRoster 1.1 zip whose users.csv unpacks to {@code size} bytes from a few kilobytes. */
  public static Path bomb(Path zip, long size) throws IOException {
    byte[] row = "s-1,,,true,org-lin,student,x,,Bo,Mb,,,,,,,,\n".getBytes(StandardCharsets.UTF_8);
    byte[] chunk = new byte[row.length * 1024];
    for (int i = 0; i < 1024; i++) {
      System.arraycopy(row, 0, chunk, i * row.length, row.length);
    }
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : List.of("manifest.csv", "orgs.csv")) {
        out.putNextEntry(new ZipEntry(name));
        out.write(Files.readAllBytes(fixture("oneroster-1.1").resolve(name)));
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry("users.csv"));
      byte[] header =
          ("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
                  + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,"
                  + "grades,password\n")
              .getBytes(StandardCharsets.UTF_8);
      out.write(header);
      long written = header.length;
      while (written + chunk.length <= size) {
        out.write(chunk);
        written += chunk.length;
      }
      out.write(new byte[(int) (size - written)]);
      out.closeEntry();
    }
    return zip;
  }

  /** samples/seed.json without its users: the sites and roles of the sample district. */
  public static Path seedWithoutUsers(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode seed = (ObjectNode) json.readTree(Path.of("samples/seed.json").toFile());
    seed.putArray("users");
    json.writeValue(file.toFile(), seed);
    return file;
  }
}

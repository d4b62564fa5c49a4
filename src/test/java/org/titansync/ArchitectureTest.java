package org.titansync.org.titansync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The pure core stays free of Camel, HTTP and JSON; the sandbox shares no code with the client. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.titansync");

  @Test
  void coreImportsOnlyTheJdk() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.titansync.roster..", "org.titansync.plan..", "org.titansync.guard..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache..",
            "com.fasterxml..",
            "com.ibm.icu..",
            "java.net.http..",
            "org.titansync.titan..",
            "org.titansync.app..",
            "org.titansync.apply..",
            "org.titansync.daemon..",
            "org.titansync.notify..",
            "org.titansync.logging..",
            "org.titansync.cli..",
            "org.titansync.store..",
            "org.titansync.pipeline..",
            "org.titansync.run..",
            "org.titansync.report..",
            "org.titansync.config..",
            "org.titansync.sandbox..")
        .check(MAIN);
  }

  @Test
  void sandboxSharesNoCodeWithTheClient() {
    noClasses()
        .that()
        .resideInAPackage("org.titansync.sandbox..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.titansync.titan..",
            "org.titansync.plan..",
            "org.titansync.roster..",
            "org.titansync.store..",
            "org.titansync.pipeline..",
            "org.titansync.run..",
            "org.titansync.app..",
            "org.titansync.daemon..",
            "org.titansync.notify..",
            "org.titansync.logging..",
            "org.titansync.cli..",
            "org.titansync.mail..",
            "org.titansync.config..",
            "org.titansync.report..",
            "org.titansync.guard..",
            "org.titansync.apply..")
        .check(MAIN);
  }

  @Test
  void onlyTheCommandLineStartsTheSandbox() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "org.titansync.sandbox..", "org.titansync.cli..", "org.titansync.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.titansync.sandbox..")
        .check(MAIN);
  }

  @Test
  void businessBeansStayFreeOfCamel() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.titansync.store..",
            "org.titansync.pipeline..",
            "org.titansync.run..",
            "org.titansync.report..",
            "org.titansync.titan..",
            "org.titansync.mail..",
            "org.titansync.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.camel..")
        .check(MAIN);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.titansync.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theCoreDoesNoFileInput() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.titansync.roster..", "org.titansync.plan..", "org.titansync.guard..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.nio.file..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileInputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileReader")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileOutputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.RandomAccessFile")
        .check(MAIN);
  }

  @Test
  void commandLinePackageHoldsOnlyCommands() {
    classes()
        .that()
        .resideInAPackage("org.titansync.cli")
        .and()
        .areTopLevelClasses()
        .should()
        .haveSimpleNameEndingWith("Command")
        .orShould()
        .haveSimpleName("Main")
        .orShould()
        .haveSimpleName("ConfigOptions")
        .orShould()
        .haveSimpleName("VersionProvider")
        .orShould()
        .haveSimpleName("ExitCode")
        .orShould()
        .haveSimpleName("PersonHistory")
        .check(MAIN);
  }
}

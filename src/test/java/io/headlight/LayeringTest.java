package io.headlight;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Each package depends only on those above it: model, analysis, render, ui, cli. */
@AnalyzeClasses(packages = "io.headlight", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    @ArchTest
    static final ArchRule modelStandsAlone = noClasses().that().resideInAPackage("io.headlight.model..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.headlight.analysis..", "io.headlight.render..", "io.headlight.ui..", "io.headlight.cli..",
                    "javafx..");

    @ArchTest
    static final ArchRule analysisUsesOnlyModel = noClasses().that().resideInAPackage("io.headlight.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.headlight.render..", "io.headlight.ui..", "io.headlight.cli..", "javafx..");

    @ArchTest
    static final ArchRule renderNeedsNoDisplay = noClasses().that().resideInAPackage("io.headlight.render..")
            .should().dependOnClassesThat().resideInAnyPackage("io.headlight.ui..", "io.headlight.cli..", "javafx..");

    @ArchTest
    static final ArchRule uiDoesNotReachIntoCli = noClasses().that().resideInAPackage("io.headlight.ui..")
            .should().dependOnClassesThat().resideInAPackage("io.headlight.cli..");
}

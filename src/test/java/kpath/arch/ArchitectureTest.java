package kpath.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package dependencies of the README's Layout section, enforced on the main classes. Method: import
 * kpath's production classes with ArchUnit and check one rule per table row.
 */
class ArchitectureTest {

    static JavaClasses main;

    @BeforeAll
    static void importClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("kpath");
        assertTrue(main.size() > 50, "ArchUnit imported only " + main.size() + " classes: the rules would be vacuous");
    }

    @Test
    void model_uses_java_base_only() {
        ArchRule r = classes().that().resideInAPackage("kpath.model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("kpath.model..", "kpath.uapi..", "java.lang..", "java.util..")
                .because("a model is pure: no I/O, no FFM, no other kpath package (DESIGN.md)");
        r.check(main);
    }

    @Test
    void model_never_imports_kernel_check_cli_or_foreign() {
        noClasses().that().resideInAPackage("kpath.model..")
                .should().dependOnClassesThat().resideInAnyPackage("kpath.kernel..", "kpath.check..", "kpath.cli..",
                        "kpath.trace..", "java.lang.foreign..", "java.io..", "java.nio..")
                .check(main);
    }

    @Test
    void trace_knows_nothing_of_model_internals() {
        classes().that().resideInAPackage("kpath.trace..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("kpath.trace..", "kpath.uapi..", "java..")
                .check(main);
    }

    @Test
    void check_uses_only_model_and_trace() {
        classes().that().resideInAPackage("kpath.check..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("kpath.check..", "kpath.model..", "kpath.trace..", "kpath.uapi..", "java..")
                .check(main);
    }

    @Test
    void kernel_uses_only_trace() {
        classes().that().resideInAPackage("kpath.kernel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("kpath.kernel..", "kpath.trace..", "kpath.uapi..", "java..")
                .check(main);
    }

    @Test
    void shared_kernel_objects_know_no_path() {
        noClasses().that().resideInAnyPackage("kpath.model.sock..", "kpath.model.proc..")
                .should().dependOnClassesThat().resideInAnyPackage("kpath.model.tcp..", "kpath.model.readiness..")
                .because("an object several paths share has one home, below every path that uses it")
                .check(main);
        noClasses().that().resideInAPackage("kpath.model.sock..")
                .should().dependOnClassesThat().resideInAPackage("kpath.model.proc..")
                .because("a socket's own rules sit below the process that holds its file")
                .check(main);
    }

    @Test
    void paths_are_plug_ins_that_do_not_know_each_other() {
        noClasses().that().resideInAPackage("kpath.check.tcp..")
                .should().dependOnClassesThat().resideInAnyPackage("kpath.check.readiness..", "kpath.kernel.readiness..")
                .check(main);
        noClasses().that().resideInAPackage("kpath.check.readiness..")
                .should().dependOnClassesThat().resideInAnyPackage("kpath.check.tcp..", "kpath.kernel.tcp..")
                .check(main);
        noClasses().that().resideInAPackage("kpath.kernel.readiness..")
                .should().dependOnClassesThat().resideInAPackage("kpath.kernel.tcp..")
                .because("a battery builds on the recorder base, not on another path's recorder")
                .check(main);
        noClasses().that().resideInAPackage("kpath.kernel.tcp..")
                .should().dependOnClassesThat().resideInAPackage("kpath.kernel.readiness..")
                .check(main);
        noClasses().that().resideInAnyPackage("kpath.check", "kpath.kernel")
                .should().dependOnClassesThat().resideInAnyPackage("kpath.check.*..", "kpath.kernel.*..")
                .because("the generic engine and recorder base serve every path and name none")
                .check(main);
    }

    @Test
    void trace_modules_are_built_from_the_trace_alone() {
        noClasses().that().haveSimpleNameEndingWith("TraceModule")
                .should().dependOnClassesThat().areAssignableTo(kpath.model.Model.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("kpath.model.proc.Readiness")
                .because("TLC's verdict must stay independent of the Java model's")
                .check(main);
    }

    @Test
    void uapi_is_a_leaf() {
        classes().that().resideInAPackage("kpath.uapi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("kpath.uapi..", "java.lang..", "java.util..")
                .because("kernel names and values live once, for model, checker and capture alike")
                .check(main);
    }

    @Test
    void nothing_imports_cli() {
        noClasses().that().resideOutsideOfPackage("kpath.cli..")
                .should().dependOnClassesThat().resideInAPackage("kpath.cli..")
                .check(main);
    }

    @Test
    void no_package_cycles() {
        slices().matching("kpath.(*)..").should().beFreeOfCycles().check(main);
    }
}

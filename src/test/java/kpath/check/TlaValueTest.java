package kpath.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kpath.model.TlaFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TlaValueTest {

    private static String canon(String tlc) {
        return TlaValue.parse(tlc).canonical();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
            "0 => 0",
            "-3 => -3",
            "TRUE => TRUE",
            "'\"q\\\"uo\\\\te\"' => '\"q\\\"uo\\\\te\"'",
            "'\"a\\nb\\tc\"' => '\"a\\nb\\tc\"'",
            "c1 => c1",
            "{} => {}",
            "<<>> => <<>>",
            "<< >> => <<>>",
            "[] => <<>>",
            "{3, 1, 2, 1} => {1, 2, 3}",
            "{10, 9, -1} => {-1, 9, 10}",
            "{\"b\", \"a\"} => {\"a\", \"b\"}",
            "{c2, c1} => {c1, c2}",
            "{<<1, 2>>, <<>>, <<1>>, <<0, 5>>} => {<<>>, <<1>>, <<0, 5>>, <<1, 2>>}",
            "[zz |-> 1, aa |-> {\"y\", \"x\"}] => [aa |-> {\"x\", \"y\"}, zz |-> 1]",
            "(c2 :> 1 @@ c1 :> 2) => (c1 :> 2 @@ c2 :> 1)",
            "(1 :> \"a\" @@ 2 :> \"b\") => <<\"a\", \"b\">>",
            "(2 :> \"b\" @@ 1 :> \"a\") => <<\"a\", \"b\">>",
            "(1 :> 1 @@ 3 :> 3) => (1 :> 1 @@ 3 :> 3)",
            "(\"k\" :> 1) => [k |-> 1]",
            "<<3, \"s\", <<>>>> => <<3, \"s\", <<>>>>",
            "1..3 => {1, 2, 3}",
            "{{2}, {1, 2}, {}, {1}} => {{}, {1}, {2}, {1, 2}}",
            "{<<>>, {}, c1, \"a\", 1, TRUE} => {TRUE, 1, \"a\", c1, {}, <<>>}",
            "[_f |-> _c1] => [_f |-> _c1]",
            "(\"\" :> 1) => (\"\" :> 1)",
            "(\"a b\" :> 1 @@ \"a\" :> 2) => (\"a\" :> 2 @@ \"a b\" :> 1)",
            "[a |-> (c1 :> << >> @@ c2 :> {}), b |-> -0] => [a |-> (c1 :> <<>> @@ c2 :> {}), b |-> 0]",
    })
    void parsesAndNormalises(String tlc, String canonical) {
        assertEquals(canonical, canon(tlc));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[f |-> \"x\\\\\\\"y\", g |-> {<<1, c1>>, <<-2, c2>>}, h |-> (c1 :> TRUE @@ c2 :> FALSE)]",
            "{[u |-> 1], [u |-> 2, v |-> <<>>], [u |-> {}]}",
            "<<<<1>>, <<<<2>>>>, {}, [x |-> {\"\"}]>>",
            "((c1 :> 1) :> 2 @@ (c2 :> 1) :> 3)",
    })
    void canonicalTextParsesBackToItself(String text) {
        String once = canon(text);
        assertEquals(once, canon(once));
    }

    @Test
    void whitespaceMaySurroundEveryToken() {
        assertEquals("{1, 2, 3}", canon(" 1 .. 3 "));
        assertEquals("{1, 2}", canon("1..\n 2"));
        assertEquals("<<1>>", canon("<< 1 >>\n"));
    }

    @Test
    void toStringIsTheCanonicalText() {
        for (String text : List.of("TRUE", "-4", "\"s\"", "c1", "{1, 2}", "<<1>>", "[a |-> 1]", "(c1 :> 1)")) {
            assertEquals(text, TlaValue.parse(text).toString());
        }
    }

    @Test
    void unequalValuesAreUnequal() {
        assertNotEquals(TlaValue.parse("{1}"), TlaValue.parse("{2}"));
        assertNotEquals(TlaValue.parse("{}"), TlaValue.parse("<<>>"));
        assertNotEquals(TlaValue.parse("<<1>>"), TlaValue.parse("<<2>>"));
        assertNotEquals(TlaValue.parse("<<>>"), TlaValue.parse("{}"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12", "TRUE", "FALSE", "a-b", "c\u00e9"})
    void modelValueNamesAreIdentifiers(String name) {
        assertThrows(IllegalArgumentException.class, () -> new TlaValue.ModelValue(name));
    }

    @Test
    void valuesSpanningLinesParse() {
        String tlc = "<< [name |-> \"abc\", val |-> {1, 1000001}],\n   [name |-> \"abc\", val |-> {2, 1000002}] >>";
        assertEquals("<<[name |-> \"abc\", val |-> {1, 1000001}], [name |-> \"abc\", val |-> {2, 1000002}]>>", canon(tlc));
    }

    @Test
    void emptyJavaValuesComeOutAsTlcPrintsThem() {
        // TLC 2.18 prints: {} for an empty set, <<>> for an empty sequence, << >> for an empty function
        assertEquals(canon("{}"), TlaValue.fromJava(Set.of()).canonical());
        assertEquals(canon("<<>>"), TlaValue.fromJava(List.of()).canonical());
        assertEquals(canon("<< >>"), TlaValue.fromJava(new TlaFunction(Map.of())).canonical());
        assertEquals(canon("<< >>"), TlaValue.fromJava(Map.of()).canonical());
    }

    @Test
    void javaValuesMatchTlcText() {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("zz", 1);
        rec.put("aa", Set.of("y", "x"));
        assertEquals(canon("[zz |-> 1, aa |-> {\"x\", \"y\"}]"), TlaValue.fromJava(rec).canonical());
        assertEquals(canon("<<3, \"s\", <<>>>>"), TlaValue.fromJava(List.of(3, "s", List.of())).canonical());
        assertEquals(canon("{-1, 10, 9}"), TlaValue.fromJava(Set.of(10, 9, -1)).canonical());
        // TLC prints [k \in {"odd", "full"} |-> FALSE] as the record [odd |-> FALSE, full |-> FALSE]
        assertEquals(canon("[odd |-> FALSE, full |-> FALSE]"),
                TlaValue.fromJava(new TlaFunction(Map.of("odd", false, "full", false))).canonical());
        // ... and a function over model values as (c1 :> .. @@ c2 :> ..)
        assertEquals(canon("(c2 :> 1 @@ c1 :> 0)"),
                TlaValue.fromJava(new TlaFunction(Map.of("c1", 0, "c2", 1)), Set.of("c1", "c2")).canonical());
        assertEquals(canon("{c1, c2}"), TlaValue.fromJava(Set.of("c2", "c1"), Set.of("c1", "c2")).canonical());
        assertEquals(canon("\"q\\\"uo\\\\te\""), TlaValue.fromJava("q\"uo\\te").canonical());
    }

    @Test
    void ordersIntegersNumerically() {
        assertEquals("{-10, -2, 1, 2, 10, 100}", TlaValue.fromJava(Set.of(100, 10, 2, 1, -2, -10)).canonical());
        assertTrue(TlaValue.parse("2").compareTo(TlaValue.parse("10")) < 0);
    }

    @Test
    void equalValuesAreEqual() {
        assertEquals(TlaValue.parse("(2 :> \"b\" @@ 1 :> \"a\")"), TlaValue.parse("<<\"a\", \"b\">>"));
        assertEquals(TlaValue.parse("{2, 1}").hashCode(), TlaValue.parse("{1, 2}").hashCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{1, 2", "<<1,>>", "[a |-> ]", "\"open", "(1 :> 2 @@ 1 :> 3)", "1 2", "- x", "[a |-> 1, a |-> 2]",
            "1..", "1..x", "\"a\\", "[ |-> 1]", "#"})
    void rejectsMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> TlaValue.parse(text));
    }

    @Test
    void rejectsJavaValuesWithoutTlaShape() {
        assertThrows(IllegalArgumentException.class, () -> TlaValue.fromJava(3.5));
        assertThrows(IllegalArgumentException.class, () -> TlaValue.fromJava(Map.of(1, 2)));
    }
}

package kpath.trace;

import java.util.Objects;
import java.util.Optional;

/**
 * What a call returned: {@code -1 ERRNO} for a failure, or one token for a success — a number,
 * a name such as {@code c1} for a new descriptor, or {@code -} for "any non-error result".
 *
 * @param errno the error name ({@code EAGAIN}) for a failure, empty for a success
 * @param value the returned token; {@code "-1"} for a failure, never {@code "-1"} for a success
 */
public record Result(Optional<String> errno, String value) {

    /** The value written for "any non-error result". */
    public static final String ANY = "-";

    public Result {
        Objects.requireNonNull(errno, "errno");
        Objects.requireNonNull(value, "value");
        if (errno.isPresent()) {
            Syntax.errno(errno.get());
            if (!value.equals("-1")) {
                throw new IllegalArgumentException("an error result has value -1, not '" + value + "'");
            }
        } else {
            if (!Syntax.TOKEN.matcher(value).matches()) {
                throw new IllegalArgumentException("bad result '" + value + "': expected one token or '-1 ERRNO'");
            }
            if (value.equals("-1")) {
                throw new IllegalArgumentException("result -1 needs an errno, e.g. '-1 EAGAIN'");
            }
        }
    }

    /** A successful result, e.g. {@code ok("0")}, {@code ok("c1")}. */
    public static Result ok(String value) {
        return new Result(Optional.empty(), value);
    }

    /** A failure with the given errno name, e.g. {@code error("EAGAIN")}. */
    public static Result error(String errno) {
        return new Result(Optional.of(errno), "-1");
    }

    /** "Any non-error result", written {@code -}. */
    public static Result any() {
        return ok(ANY);
    }

    public boolean isError() {
        return errno.isPresent();
    }

    /** Whether this is the wildcard {@code -}. */
    public boolean isAny() {
        return errno.isEmpty() && value.equals(ANY);
    }

    /** The result as written in a trace: {@code -1 EAGAIN}, {@code 0}, {@code c1}, {@code -}. */
    @Override
    public String toString() {
        return errno.map(e -> "-1 " + e).orElse(value);
    }
}

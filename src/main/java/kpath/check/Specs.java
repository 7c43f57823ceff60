package kpath.check;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the TLA+ specs are: {@code -Dkpath.specs=DIR}, else {@code specs/} in the working directory. */
public final class Specs {
    private Specs() {}

    public static Path dir() throws CheckException {
        Path p = Path.of(System.getProperty("kpath.specs", "specs"));
        if (!Files.isRegularFile(p.resolve("TcpListen.tla"))) {
            throw new CheckException(p.toAbsolutePath() + ": no TcpListen.tla here; run from the kpath checkout "
                    + "or pass -Dkpath.specs=DIR");
        }
        return p;
    }
}

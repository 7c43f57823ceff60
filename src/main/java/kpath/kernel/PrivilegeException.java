package kpath.kernel;

/** The process lacks a privilege the kernel scenario needs (e.g. CAP_SYS_ADMIN for a netns). */
public final class PrivilegeException extends RuntimeException {

    /** @param message what is missing and which call said so */
    public PrivilegeException(String message) {
        super(message);
    }
}

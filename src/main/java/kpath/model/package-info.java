/**
 * The shapes every kpath model shares: {@link kpath.model.Model}, {@link kpath.model.Transition},
 * named {@link kpath.model.Rule}s with their {@link kpath.model.RuleClass}, and {@link kpath.uapi.Errno};
 * and the five-I/O-models table, {@link kpath.model.IoModel}, whose rows the jdk and glibc paths claim.
 * Uses java.base only.
 */
package kpath.model;

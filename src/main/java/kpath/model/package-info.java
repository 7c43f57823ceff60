/**
 * The shapes every kpath model shares: {@link kpath.model.Model}, {@link kpath.model.Transition},
 * named {@link kpath.model.Rule}s with their {@link kpath.model.RuleClass}, and {@link kpath.uapi.Errno}.
 * Uses java.base only.
 */
package kpath.model;

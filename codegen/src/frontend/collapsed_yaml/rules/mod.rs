//! The ownership rules: where a key goes when several open frames accept it. Each file holds
//! `impl Search` methods for one question; the rule index is in the parent module's doc.
//! - `accept`: which frames may take a key at all (R6, R10, R17, R24).
//! - `placement`: in which order the candidates are tried (R1–R5, R8, R9, R11, R12, R16,
//!   R19, R21, R25, R27–R30).
//! - `annotations`: R12 and R22, and the look-ahead over runs of annotations (R27, R30).
//! - `evidence`: R31, the page's evidence against a placement (a misfit is tried last and
//!   never revisited).
//! - `undecided`: which candidates stay open for the second reading (§8's classes).
//! - `text_ends`: where a block scalar ends (R13, R23).
//!
//! Elsewhere: R18 (an `enum` list ends at `- type:`) and R20 (js-yaml's fold width) filter the
//! candidates in `search`'s `after_alts`; R5 (a dash in a list of scalars) acts in `values`;
//! R13's pass and R15, R10's fallback and R17's sorted reading are `passes`'.

mod accept;
mod annotations;
mod evidence;
mod placement;
mod text_ends;
mod undecided;

//! The default gazetteers, embedded in the binary.
//!
//! Sources, versions and licences: `gazetteers/README.md`.

/// `(name, contents)` of every embedded gazetteer file, in load order.
pub(crate) const FILES: &[(&str, &str)] = &[
    (
        "gazetteers/countries.tsv",
        include_str!("../../gazetteers/countries.tsv"),
    ),
    (
        "gazetteers/regions.tsv",
        include_str!("../../gazetteers/regions.tsv"),
    ),
    (
        "gazetteers/places.tsv",
        include_str!("../../gazetteers/places.tsv"),
    ),
    (
        "gazetteers/people_west.tsv",
        include_str!("../../gazetteers/people_west.tsv"),
    ),
    (
        "gazetteers/people_east.tsv",
        include_str!("../../gazetteers/people_east.tsv"),
    ),
    (
        "gazetteers/orgs_public.tsv",
        include_str!("../../gazetteers/orgs_public.tsv"),
    ),
    (
        "gazetteers/orgs_private.tsv",
        include_str!("../../gazetteers/orgs_private.tsv"),
    ),
];

//! Ranking options as received from the page, and their validated form.

use super::diversity::Diversity;
use crate::core::config::Config;
use crate::core::error::{CoreError, ErrorKind};

/// What kind of list is being ranked; each has its own default impact in [`Config::impact`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Context {
    /// Product grids and recommendation rails (default).
    #[default]
    Grid,
    /// Search results.
    Search,
    /// Banners, ranked by how well their targeting attributes match.
    Banner,
}

impl Context {
    /// The configured default impact for this context.
    pub fn default_impact(self, config: &Config) -> f64 {
        match self {
            Context::Grid => config.impact.grid,
            Context::Search => config.impact.search,
            Context::Banner => config.impact.banner,
        }
    }
}

/// Which attribute diversity groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// The item's brand.
    Brand,
    /// The item's full category path.
    Category,
}

/// `diversity` option as received: `{ by: "brand" | "category", maxPerGroup, topK }`.
#[derive(Debug, Clone, Default)]
pub struct DiversityInput {
    /// `"brand"` or `"category"`.
    pub by: Option<String>,
    /// Most items of one group within the top K; at least 1.
    pub max_per_group: Option<f64>,
    /// How many top positions the cap applies to; at least 1.
    pub top_k: Option<f64>,
}

/// Options of a `rank` call as received from the page.
#[derive(Debug, Clone, Default)]
pub struct RankOptionsInput {
    /// `"grid"` (default), `"search"` or `"banner"`.
    pub context: Option<String>,
    /// Overrides the context's impact; in [0, 1].
    pub impact: Option<f64>,
    /// Moves items the shopper already bought down.
    pub demote_purchased: Option<bool>,
    /// Caps items of one brand or category in the top K.
    pub diversity: Option<DiversityInput>,
}

/// Validated ranking options.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RankOptions {
    /// The list's context.
    pub context: Context,
    /// Impact override.
    pub impact: Option<f64>,
    /// Demote purchased items.
    pub demote_purchased: bool,
    /// Diversity rule.
    pub diversity: Option<Diversity>,
}

fn whole(field: &str, v: Option<f64>, default: usize) -> Result<usize, CoreError> {
    match v {
        None => Ok(default),
        Some(x) if (1.0..=10_000.0).contains(&x) && x.fract() == 0.0 => Ok(x as usize),
        Some(_) => Err(CoreError::new(
            ErrorKind::Invalid,
            field,
            "must be a whole number from 1 to 10000",
        )),
    }
}

impl RankOptionsInput {
    /// Validates the options, naming the bad field in the error.
    pub fn validate(self) -> Result<RankOptions, CoreError> {
        let context = match self.context.as_deref() {
            None | Some("grid") => Context::Grid,
            Some("search") => Context::Search,
            Some("banner") => Context::Banner,
            Some(_) => {
                return Err(CoreError::new(
                    ErrorKind::Invalid,
                    "options.context",
                    "must be \"grid\", \"search\" or \"banner\"",
                ))
            }
        };
        let impact = match self.impact {
            Some(x) if !(x.is_finite() && (0.0..=1.0).contains(&x)) => {
                return Err(CoreError::new(
                    ErrorKind::Invalid,
                    "options.impact",
                    "must be a number from 0 to 1",
                ))
            }
            x => x,
        };
        let diversity = match self.diversity {
            None => None,
            Some(d) => {
                let by = match d.by.as_deref() {
                    Some("brand") => GroupBy::Brand,
                    Some("category") => GroupBy::Category,
                    _ => {
                        return Err(CoreError::new(
                            ErrorKind::Invalid,
                            "options.diversity.by",
                            "must be \"brand\" or \"category\"",
                        ))
                    }
                };
                Some(Diversity {
                    by,
                    max_per_group: whole("options.diversity.maxPerGroup", d.max_per_group, 2)?,
                    top_k: whole("options.diversity.topK", d.top_k, 10)?,
                })
            }
        };
        Ok(RankOptions {
            context,
            impact,
            demote_purchased: self.demote_purchased.unwrap_or(false),
            diversity,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_errors_name_their_field() {
        let bad = |o: RankOptionsInput| o.validate().unwrap_err().field;
        let o = RankOptionsInput {
            context: Some("carousel".into()),
            ..Default::default()
        };
        assert_eq!(bad(o), "options.context");
        let o = RankOptionsInput {
            impact: Some(1.5),
            ..Default::default()
        };
        assert_eq!(bad(o), "options.impact");
        let o = RankOptionsInput {
            impact: Some(f64::NAN),
            ..Default::default()
        };
        assert_eq!(bad(o), "options.impact");
        let d = DiversityInput {
            by: Some("color".into()),
            ..Default::default()
        };
        let o = RankOptionsInput {
            diversity: Some(d),
            ..Default::default()
        };
        assert_eq!(bad(o), "options.diversity.by");
        let d = DiversityInput {
            by: Some("brand".into()),
            top_k: Some(0.0),
            ..Default::default()
        };
        let o = RankOptionsInput {
            diversity: Some(d),
            ..Default::default()
        };
        assert_eq!(bad(o), "options.diversity.topK");
    }

    #[test]
    fn diversity_counts_must_be_whole_numbers_as_their_message_says() {
        let bad = |o: RankOptionsInput| o.validate().unwrap_err().field;
        let with = |max_per_group, top_k| RankOptionsInput {
            diversity: Some(DiversityInput {
                by: Some("brand".into()),
                max_per_group,
                top_k,
            }),
            ..Default::default()
        };
        assert_eq!(bad(with(Some(1.5), None)), "options.diversity.maxPerGroup");
        assert_eq!(bad(with(None, Some(2.5))), "options.diversity.topK");
        let o = with(Some(3.0), Some(20.0)).validate().unwrap();
        let d = o.diversity.unwrap();
        assert_eq!((d.max_per_group, d.top_k), (3, 20));
    }

    #[test]
    fn defaults_are_grid_without_extras() {
        let o = RankOptionsInput::default().validate().unwrap();
        assert_eq!(o, RankOptions::default());
    }
}

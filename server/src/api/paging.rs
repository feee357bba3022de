//! Pagination of `/api/v1` lists: `page` (from 1) and `per_page` (1 to 200, 50 unless given).

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::problem::Problem;

pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 200;

/// Which page of a list.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// The page, from 1.
    #[param(minimum = 1)]
    pub page: Option<u32>,
    /// Items per page, 1 to 200.
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<u32>,
}

impl PageQuery {
    /// The page and its size, checked.
    pub fn checked(self) -> Result<(u32, u32), Problem> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            return Err(Problem::field("page", "pages are numbered from 1"));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(Problem::field(
                "per_page",
                format!("between 1 and {MAX_PER_PAGE}"),
            ));
        }
        Ok((page, per_page))
    }
}

/// One page of a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Items in the whole list (all pages).
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    /// The page `page` of `all`, `per_page` items long.
    pub fn of(all: Vec<T>, (page, per_page): (u32, u32)) -> Self {
        let total = all.len() as u64;
        let skip = (page as usize - 1).saturating_mul(per_page as usize);
        let items = all.into_iter().skip(skip).take(per_page as usize).collect();
        Self {
            items,
            total,
            page,
            per_page,
        }
    }
}

//! 一般公共预算“三公”经费支出情况表: 因公出国（境）, 公务用车 and 公务接待 spending, last
//! year's budget beside this year's.

use super::header::{amount_col, in_group, under, Column};
use super::ids::{ColumnId, TableId};
use super::index::{amt0, Index, TOTAL};
use super::{Cell, Row, RowLevel, Table};
use crate::model::ThreePublicKind;
use rust_decimal::Decimal;

/// The six columns of one year: 合计, 因公出国（境）经费, 公务用车购置及运行维护费 (小计,
/// 购置, 运行维护) and 公务接待费; `ids` name them in that order.
fn block(ids: [ColumnId; 6]) -> Vec<Column> {
    let vehicles = "公务用车购置及运行维护费";
    let [total, abroad, vehicle_subtotal, purchase, operation, reception] = ids;
    vec![
        amount_col(total, &["合计"]),
        amount_col(abroad, &["因公出国（境）经费"]),
        amount_col(vehicle_subtotal, &[vehicles, "小计"]),
        amount_col(purchase, &[vehicles, "公务用车购置经费"]),
        amount_col(operation, &[vehicles, "公务用车运行维护费"]),
        amount_col(reception, &["公务接待费"]),
    ]
}

/// 一般公共预算“三公”经费支出情况表: last year's and this year's 三公 figures.
pub(super) fn three_public(ix: &Index) -> Table {
    let year = ix.budget.year();
    let prior = in_group(
        "上年预算数",
        under(
            &format!("{} 年预算数", year.saturating_sub(1)),
            block([
                ColumnId::PriorTotal,
                ColumnId::PriorAbroad,
                ColumnId::PriorVehicleSubtotal,
                ColumnId::PriorVehiclePurchase,
                ColumnId::PriorVehicleOperation,
                ColumnId::PriorReception,
            ]),
        ),
    );
    let current = in_group(
        "本年预算数",
        under(
            &format!("{year} 年预算数"),
            block([
                ColumnId::Total,
                ColumnId::Abroad,
                ColumnId::VehicleSubtotal,
                ColumnId::VehiclePurchase,
                ColumnId::VehicleOperation,
                ColumnId::Reception,
            ]),
        ),
    );
    let columns = [prior, current].concat();
    let t = &ix.figures.three_public;
    let side = |get: &dyn Fn(ThreePublicKind) -> Decimal| {
        let abroad = get(ThreePublicKind::Abroad);
        let purchase = get(ThreePublicKind::VehiclePurchase);
        let operation = get(ThreePublicKind::VehicleOperation);
        let reception = get(ThreePublicKind::Reception);
        vec![
            amt0(abroad + purchase + operation + reception),
            amt0(abroad),
            amt0(purchase + operation),
            amt0(purchase),
            amt0(operation),
            amt0(reception),
        ]
    };
    // Last year's figures when the file gives them: unknown is blank, not 0.00.
    let mut cells = if t.has_prior {
        side(&|k| t.prior(k).unwrap_or_default())
    } else {
        vec![Cell::Empty; 6]
    };
    cells.extend(side(&|k| t.current(k)));
    let total = Row {
        code: None,
        name: TOTAL.into(),
        level: RowLevel::Total,
        cells,
    };
    Table::new(TableId::ThreePublic, columns, vec![total])
}

//! The names of the tables and of their columns: typed, so that a misspelt or renamed column is a
//! compile error instead of a silent blank, and spelled once, as the JSON contract spells them.

use std::fmt;
use std::str::FromStr;

/// An enum of stable ids, each with the one spelling the JSON contract and the assertions use.
macro_rules! spelled_ids {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// How many ids there are.
            pub const COUNT: usize = [$($name::$variant,)*].len();

            /// Every id, in declaration order.
            pub const ALL: [$name; Self::COUNT] = [$($name::$variant,)*];

            /// The id as the JSON contract spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl FromStr for $name {
            type Err = ();

            fn from_str(s: &str) -> Result<Self, ()> {
                match s {
                    $($text => Ok($name::$variant),)*
                    _ => Err(()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

spelled_ids! {
    /// The twelve tables of a 部门预算 (部门预算公开表), in the published order.
    TableId {
        /// 收支总体情况表
        Overview = "overview",
        /// 收入总体情况表
        Income = "income",
        /// 支出总体情况表
        Expenditure = "expenditure",
        /// 财政拨款收支总体情况表
        FiscalOverview = "fiscal_overview",
        /// 一般公共预算支出情况表
        GeneralExpenditure = "general_expenditure",
        /// 一般公共预算基本支出情况表
        GeneralBasicEconomic = "general_basic_economic",
        /// 一般公共预算“三公”经费支出情况表
        ThreePublic = "three_public",
        /// 政府性基金预算支出情况表
        FundExpenditure = "fund_expenditure",
        /// 国有资本经营预算支出情况表
        StateCapitalExpenditure = "state_capital_expenditure",
        /// 基本支出预算情况表
        BasicExpenditure = "basic_expenditure",
        /// 项目支出预算情况表
        ProjectExpenditure = "project_expenditure",
        /// 政府采购预算情况表
        Procurement = "procurement",
    }
}

impl TableId {
    /// The position of the table in the document (and in `ALL`).
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The printed title.
    pub fn title(self) -> &'static str {
        match self {
            TableId::Overview => "收支总体情况表",
            TableId::Income => "收入总体情况表",
            TableId::Expenditure => "支出总体情况表",
            TableId::FiscalOverview => "财政拨款收支总体情况表",
            TableId::GeneralExpenditure => "一般公共预算支出情况表",
            TableId::GeneralBasicEconomic => "一般公共预算基本支出情况表",
            TableId::ThreePublic => "一般公共预算“三公”经费支出情况表",
            TableId::FundExpenditure => "政府性基金预算支出情况表",
            TableId::StateCapitalExpenditure => "国有资本经营预算支出情况表",
            TableId::BasicExpenditure => "基本支出预算情况表",
            TableId::ProjectExpenditure => "项目支出预算情况表",
            TableId::Procurement => "政府采购预算情况表",
        }
    }
}

spelled_ids! {
    /// A column of the tables. One id may appear in several tables (`Total` in most of them),
    /// always with the same meaning.
    ColumnId {
        /// 科目编码 · 类
        Class = "class",
        /// 科目编码 · 款
        Section = "section",
        /// 科目编码 · 项
        Item = "item",
        /// 科目名称 or 项目名称
        Name = "name",
        /// 合计
        Total = "total",
        /// 财政拨款 · 小计
        FiscalSubtotal = "fiscal_subtotal",
        /// 一般公共预算
        General = "general",
        /// 政府性基金预算
        Fund = "fund",
        /// 国有资本经营预算
        StateCapital = "state_capital",
        /// 财政专户管理资金
        SpecialAccount = "special_account",
        /// 事业收入
        Business = "business",
        /// 事业单位经营收入
        Operating = "operating",
        /// 其他收入
        Other = "other",
        /// 上级补助收入
        Superior = "superior",
        /// 附属单位上缴收入
        Affiliated = "affiliated",
        /// 使用非财政拨款结余
        NonFiscalBalance = "non_fiscal_balance",
        /// 上年结转
        Carryover = "carryover",
        /// 基本支出
        Basic = "basic",
        /// 项目支出
        Project = "project",
        /// 结转下年
        CarryForward = "carry_forward",
        /// 基本支出 · 小计
        BasicSubtotal = "basic_subtotal",
        /// 人员支出
        Personnel = "personnel",
        /// 日常公用支出
        Public = "public",
        /// 部门预算支出经济分类 · 类
        DeptClass = "dept_class",
        /// 部门预算支出经济分类 · 款
        DeptSection = "dept_section",
        /// 部门预算支出经济分类科目名称
        DeptName = "dept_name",
        /// 政府预算支出经济分类 · 类
        GovClass = "gov_class",
        /// 政府预算支出经济分类 · 款
        GovSection = "gov_section",
        /// 政府预算支出经济分类科目名称
        GovName = "gov_name",
        /// 小计
        Subtotal = "subtotal",
        /// 单位资金
        UnitFunds = "unit_funds",
        /// 项目类型
        ProjectType = "project_type",
        /// 收入 · 项目
        IncomeItem = "income_item",
        /// 收入 · 预算数
        IncomeAmount = "income_amount",
        /// 支出 · 项目
        ExpenditureItem = "expenditure_item",
        /// 支出 · 预算数
        ExpenditureAmount = "expenditure_amount",
        /// 上年 · 合计
        PriorTotal = "prior_total",
        /// 上年 · 因公出国（境）经费
        PriorAbroad = "prior_abroad",
        /// 上年 · 公务用车购置及运行维护费 · 小计
        PriorVehicleSubtotal = "prior_vehicle_subtotal",
        /// 上年 · 公务用车购置经费
        PriorVehiclePurchase = "prior_vehicle_purchase",
        /// 上年 · 公务用车运行维护费
        PriorVehicleOperation = "prior_vehicle_operation",
        /// 上年 · 公务接待费
        PriorReception = "prior_reception",
        /// 因公出国（境）经费
        Abroad = "abroad",
        /// 公务用车购置及运行维护费 · 小计
        VehicleSubtotal = "vehicle_subtotal",
        /// 公务用车购置经费
        VehiclePurchase = "vehicle_purchase",
        /// 公务用车运行维护费
        VehicleOperation = "vehicle_operation",
        /// 公务接待费
        Reception = "reception",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_positions_follow_the_declaration_order() {
        for (i, id) in TableId::ALL.iter().enumerate() {
            assert_eq!(id.index(), i);
        }
    }

    #[test]
    fn ids_round_trip_through_their_spelling() {
        for id in TableId::ALL {
            assert_eq!(id.as_str().parse(), Ok(id));
            assert_eq!(serde_json::to_string(&id).ok(), Some(format!("\"{id}\"")));
        }
        for id in ColumnId::ALL {
            assert_eq!(id.as_str().parse(), Ok(id));
            assert_eq!(serde_json::to_string(&id).ok(), Some(format!("\"{id}\"")));
        }
    }
}

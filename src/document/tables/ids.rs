//! The names of the tables and of their columns: typed, so that a misspelt or renamed column is a
//! compile error instead of a silent blank, and spelled once, as the JSON contract spells them.

use std::fmt;
use std::str::FromStr;

/// An enum of stable ids, each with the one spelling the JSON contract and the assertions use.
/// `beyond NAME { … }` adds ids outside `ALL` and `COUNT`, listed in the constant `NAME` (the
/// tables of a region's summary, which no single budget has).
macro_rules! spelled_ids {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }
     $(beyond $extra:ident { $($(#[$xmeta:meta])* $xvariant:ident = $xtext:literal,)* })?) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            $($($(#[$xmeta])* $xvariant,)*)?
        }

        impl $name {
            /// How many ids there are.
            pub const COUNT: usize = [$($name::$variant,)*].len();

            /// Every id, in declaration order.
            pub const ALL: [$name; Self::COUNT] = [$($name::$variant,)*];

            $(
            /// The ids beyond `ALL`, in declaration order.
            pub const $extra: &'static [$name] = &[$($name::$xvariant,)*];
            )?

            /// The id as the JSON contract spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                    $($($name::$xvariant => $xtext,)*)?
                }
            }
        }

        impl FromStr for $name {
            type Err = ();

            fn from_str(s: &str) -> Result<Self, ()> {
                match s {
                    $($text => Ok($name::$variant),)*
                    $($($xtext => Ok($name::$xvariant),)*)?
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
    beyond REGION {
        /// 部门预算汇总表: each department's totals (`budc region`)
        RegionDepartments = "region_departments",
        /// 支出功能分类汇总表: spending by 类 and 款, 基本 / 项目, over the departments
        RegionFunctional = "region_functional",
        /// 收入汇总表: income by source, per department
        RegionIncome = "region_income",
        /// “三公”经费汇总表: per department, with last year and the change
        RegionThreePublic = "region_three_public",
        /// 机关运行经费汇总表: per department (not applicable without 行政 or 参公 units)
        RegionOperatingCost = "region_operating_cost",
        /// 政府采购汇总表: per department, by 货物 / 工程 / 服务
        RegionProcurement = "region_procurement",
        /// 项目汇总表: the number of projects and their money, per department
        RegionProjects = "region_projects",
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
            TableId::RegionDepartments => "部门预算汇总表",
            TableId::RegionFunctional => "支出功能分类汇总表",
            TableId::RegionIncome => "收入汇总表",
            TableId::RegionThreePublic => "“三公”经费汇总表",
            TableId::RegionOperatingCost => "机关运行经费汇总表",
            TableId::RegionProcurement => "政府采购汇总表",
            TableId::RegionProjects => "项目汇总表",
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
        /// 部门 (a region's summary: the department of the row)
        Department = "department",
        /// 项目个数
        ProjectCount = "project_count",
        /// 货物
        Goods = "goods",
        /// 工程
        Works = "works",
        /// 服务
        Services = "services",
        /// 机关运行经费
        OperatingCost = "operating_cost",
        /// 上年 · 机关运行经费
        PriorOperatingCost = "prior_operating_cost",
        /// 增减额 (this year − last year)
        Change = "change",
        /// 增减率 (%)
        ChangePercent = "change_percent",
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
        for id in TableId::REGION {
            assert!(id.index() >= TableId::COUNT, "{id}");
        }
    }

    #[test]
    fn ids_round_trip_through_their_spelling() {
        for id in TableId::ALL.iter().chain(TableId::REGION).copied() {
            assert_eq!(id.as_str().parse(), Ok(id));
            assert_eq!(serde_json::to_string(&id).ok(), Some(format!("\"{id}\"")));
        }
        for id in ColumnId::ALL {
            assert_eq!(id.as_str().parse(), Ok(id));
            assert_eq!(serde_json::to_string(&id).ok(), Some(format!("\"{id}\"")));
        }
    }
}

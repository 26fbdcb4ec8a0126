//! The kinds a budget names by keyword: funding sources, unit kinds and their side of the
//! economic mapping, 人员/公用, procurement and 三公 kinds.

/// Where money comes from (收入来源 / 资金来源).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 一般公共预算 (财政拨款)
    GeneralPublic,
    /// 政府性基金预算 (财政拨款)
    GovernmentFund,
    /// 国有资本经营预算 (财政拨款)
    StateCapital,
    /// 财政专户管理资金
    SpecialAccount,
    /// 事业收入
    Business,
    /// 事业单位经营收入
    Operating,
    /// 上级补助收入
    Superior,
    /// 附属单位上缴收入
    Affiliated,
    /// 其他收入
    Other,
    /// 使用非财政拨款结余
    NonFiscalBalance,
    /// 上年结转
    Carryover,
}

impl Source {
    pub const ALL: [Source; 11] = [
        Source::GeneralPublic,
        Source::GovernmentFund,
        Source::StateCapital,
        Source::SpecialAccount,
        Source::Business,
        Source::Operating,
        Source::Superior,
        Source::Affiliated,
        Source::Other,
        Source::NonFiscalBalance,
        Source::Carryover,
    ];

    /// The keyword a `.bud` file uses.
    pub fn keyword(self) -> &'static str {
        match self {
            Source::GeneralPublic => "一般公共预算",
            Source::GovernmentFund => "政府性基金",
            Source::StateCapital => "国有资本经营",
            Source::SpecialAccount => "财政专户管理资金",
            Source::Business => "事业收入",
            Source::Operating => "事业单位经营收入",
            Source::Superior => "上级补助",
            Source::Affiliated => "附属单位上缴",
            Source::Other => "其他收入",
            Source::NonFiscalBalance => "使用非财政拨款结余",
            Source::Carryover => "上年结转",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        let s = s.trim_end_matches("收入");
        Source::ALL.into_iter().find(|src| {
            let k = src.keyword().trim_end_matches("收入");
            k == s || s.strip_suffix("预算") == Some(k)
        })
    }

    /// The name of the income of this source: 一般公共预算收入, 事业收入, 上年结转.
    pub fn income_name(self) -> String {
        let k = self.keyword();
        if matches!(self, Source::GovernmentFund | Source::StateCapital) {
            return format!("{k}预算收入");
        }
        if k.ends_with("收入") || matches!(self, Source::NonFiscalBalance | Source::Carryover) {
            k.to_string()
        } else {
            format!("{k}收入")
        }
    }

    /// 财政拨款: appropriations from the three government budgets.
    pub fn is_fiscal(self) -> bool {
        matches!(
            self,
            Source::GeneralPublic | Source::GovernmentFund | Source::StateCapital
        )
    }

    /// 单位资金: the unit's own income sources, as grouped in the expenditure tables.
    pub fn is_unit_funds(self) -> bool {
        matches!(
            self,
            Source::Business
                | Source::Operating
                | Source::Superior
                | Source::Affiliated
                | Source::Other
        )
    }
}

/// The kind of a budget unit (单位性质): it decides which 政府预算支出经济分类 its spending maps
/// to, and whether it has 机关运行经费.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 行政单位
    Administrative,
    /// 参照公务员法管理的事业单位 (参公)
    CivilServiceManaged,
    /// 事业单位
    Institution,
}

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [
        UnitKind::Administrative,
        UnitKind::CivilServiceManaged,
        UnitKind::Institution,
    ];

    /// The keyword a `.bud` file uses: 行政, 参公, 事业.
    pub fn keyword(self) -> &'static str {
        match self {
            UnitKind::Administrative => "行政",
            UnitKind::CivilServiceManaged => "参公",
            UnitKind::Institution => "事业",
        }
    }

    /// The keyword, or the full name (行政单位, 参照公务员法管理的事业单位, 事业单位).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "行政" | "行政单位" => Some(UnitKind::Administrative),
            "参公" | "参公单位" | "参照公务员法管理的事业单位" | "参公事业单位" => {
                Some(UnitKind::CivilServiceManaged)
            }
            "事业" | "事业单位" => Some(UnitKind::Institution),
            _ => None,
        }
    }

    /// The side of the economic mapping: 行政 and 参公 units spend as 机关, 事业 units as 事业.
    pub fn side(self) -> Side {
        match self {
            UnitKind::Administrative | UnitKind::CivilServiceManaged => Side::Agency,
            UnitKind::Institution => Side::Institution,
        }
    }

    /// 行政 and 参公 units: the units 机关运行经费 covers.
    pub fn has_operating_cost(self) -> bool {
        self.side() == Side::Agency
    }
}

/// The side of the 部门 → 政府预算支出经济分类 mapping (`economic_mapping.tsv`): 机关 (行政 and 参公
/// units: 501–504) or 事业 (505, 506).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// 机关
    Agency,
    /// 事业
    Institution,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Agency, Side::Institution];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "机关" => Some(Side::Agency),
            "事业" => Some(Side::Institution),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Side::Agency => "机关",
            Side::Institution => "事业",
        }
    }
}

/// 人员支出 or 日常公用支出, following from the economic code by the catalog's rules
/// (`Rules::basic_kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BasicKind {
    Personnel,
    Public,
}

impl BasicKind {
    /// The word that puts a basic line on this side: 人员经费, 公用经费.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "人员经费" => Some(BasicKind::Personnel),
            "公用经费" => Some(BasicKind::Public),
            _ => None,
        }
    }
}

/// The three kinds of government procurement.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProcurementKind {
    /// 货物
    Goods,
    /// 工程
    Works,
    /// 服务
    Services,
}

impl ProcurementKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "货物" => Some(ProcurementKind::Goods),
            "工程" => Some(ProcurementKind::Works),
            "服务" => Some(ProcurementKind::Services),
            _ => None,
        }
    }
}

/// The “三公” items (the economic codes that pay for each are the catalog's rules:
/// `Rules::three_public_kind`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ThreePublicKind {
    /// 因公出国（境）费
    Abroad,
    /// 公务用车购置费
    VehiclePurchase,
    /// 公务用车运行维护费
    VehicleOperation,
    /// 公务接待费
    Reception,
}

impl ThreePublicKind {
    pub const ALL: [ThreePublicKind; 4] = [
        ThreePublicKind::Abroad,
        ThreePublicKind::VehiclePurchase,
        ThreePublicKind::VehicleOperation,
        ThreePublicKind::Reception,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        let s = s.replace(['(', '（'], "（").replace([')', '）'], "）");
        let s = s.trim_end_matches("费").trim_end_matches("经");
        match s {
            "因公出国（境）" | "因公出国" | "因公出境" => {
                Some(ThreePublicKind::Abroad)
            }
            "公务用车购置" => Some(ThreePublicKind::VehiclePurchase),
            "公务用车运行维护" | "公务用车运行" => {
                Some(ThreePublicKind::VehicleOperation)
            }
            "公务接待" => Some(ThreePublicKind::Reception),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ThreePublicKind::Abroad => "因公出国（境）费",
            ThreePublicKind::VehiclePurchase => "公务用车购置费",
            ThreePublicKind::VehicleOperation => "公务用车运行维护费",
            ThreePublicKind::Reception => "公务接待费",
        }
    }
}

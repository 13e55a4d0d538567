//! Word lists for synthetic terms: real political-vocabulary morphemes with English, French and
//! Spanish glosses (a preferred gloss and a variant each).
//!
//! A term is built from three slots, as many real terms are: a scope (基层, 社区, 农村 …), a
//! topic (党建, 网格, 信访 …) and a head (工作, 治理, 服务 …): 基层 + 党建 + 工作. English puts the
//! slots in that order ("primary-level Party-building work"); French and Spanish put the head
//! first and the topic and scope after it as complements ("travail de construction du Parti
//! au niveau de base"), so the scope and topic glosses below are written as complements and
//! never need to agree in gender.

/// One morpheme or word with its glosses: `[preferred, variant]` per language.
pub struct W {
    pub zh: &'static str,
    pub en: [&'static str; 2],
    pub fr: [&'static str; 2],
    pub es: [&'static str; 2],
    /// The glossary domain a topic belongs to (empty for scopes and heads).
    pub domain: &'static str,
}

const fn w(
    zh: &'static str,
    en: [&'static str; 2],
    fr: [&'static str; 2],
    es: [&'static str; 2],
) -> W {
    W {
        zh,
        en,
        fr,
        es,
        domain: "",
    }
}

const fn t(
    zh: &'static str,
    en: [&'static str; 2],
    fr: [&'static str; 2],
    es: [&'static str; 2],
    domain: &'static str,
) -> W {
    W {
        zh,
        en,
        fr,
        es,
        domain,
    }
}

/// Scopes: where or for whom (English premodifier, French/Spanish postposed phrase).
#[rustfmt::skip]
pub const SCOPES: &[W] = &[
    w("基层", ["primary-level", "grassroots"], ["au niveau de base", "à la base"], ["a nivel de base", "de base"]),
    w("社区", ["community", "neighbourhood"], ["dans les communautés", "de quartier"], ["en la comunidad", "de barrio"]),
    w("农村", ["rural", "countryside"], ["en milieu rural", "dans les campagnes"], ["en el medio rural", "en el campo"]),
    w("城市", ["urban", "city"], ["en milieu urbain", "dans les villes"], ["en el medio urbano", "en las ciudades"]),
    w("中央", ["central", "Central Committee"], ["au niveau central", "du Comité central"], ["a nivel central", "del Comité Central"]),
    w("地方", ["local", "subnational"], ["au niveau local", "des collectivités locales"], ["a nivel local", "de los gobiernos locales"]),
    w("新时代", ["new-era", "New Era"], ["de la nouvelle ère", "pour la nouvelle ère"], ["de la nueva era", "para la nueva era"]),
    w("全面", ["comprehensive", "all-round"], ["dans tous les domaines", "de façon globale"], ["integral", "en todos los ámbitos"]),
    w("网上", ["online", "internet-based"], ["en ligne", "sur Internet"], ["en línea", "en Internet"]),
    w("企业", ["enterprise", "corporate"], ["en entreprise", "dans les entreprises"], ["en las empresas", "empresarial"]),
    w("高校", ["university", "campus"], ["dans les universités", "en milieu universitaire"], ["en las universidades", "en los campus"]),
    w("机关", ["Party-and-government-organ", "institutional"], ["dans les organes du Parti et de l'État", "au sein des institutions"], ["en los órganos del Partido y del Estado", "en las instituciones"]),
    w("街道", ["subdistrict", "street-level"], ["au niveau des sous-districts", "des quartiers"], ["a nivel de subdistrito", "de los subdistritos"]),
    w("乡镇", ["township", "town-and-township"], ["au niveau des cantons", "dans les bourgs"], ["a nivel de municipio", "en los municipios"]),
    w("村级", ["village-level", "village"], ["au niveau des villages", "dans les villages"], ["a nivel de aldea", "en las aldeas"]),
    w("县域", ["county-level", "county-wide"], ["à l'échelle du comté", "dans les districts"], ["a escala de condado", "en los condados"]),
    w("国有企业", ["state-owned-enterprise", "SOE"], ["dans les entreprises d'État", "des entreprises publiques"], ["en las empresas estatales", "de las empresas públicas"]),
    w("非公有制经济", ["non-public-sector", "non-state-sector"], ["dans le secteur non public", "hors du secteur d'État"], ["en el sector no público", "fuera del sector estatal"]),
    w("新兴领域", ["emerging-sector", "new-field"], ["dans les secteurs émergents", "dans les nouveaux domaines"], ["en los sectores emergentes", "en los nuevos ámbitos"]),
    w("两新组织", ["new-economic-and-social-organization", "\"two new\" organization"], ["dans les nouvelles organisations économiques et sociales", "des « deux nouvelles » organisations"], ["en las nuevas organizaciones económicas y sociales", "de las «dos nuevas» organizaciones"]),
    w("边疆", ["border-area", "frontier"], ["dans les régions frontalières", "aux frontières"], ["en las zonas fronterizas", "en la frontera"]),
    w("民族地区", ["ethnic-minority-area", "minority-region"], ["dans les régions des minorités ethniques", "dans les régions autonomes"], ["en las zonas de minorías étnicas", "en las regiones autónomas"]),
    w("港澳", ["Hong Kong and Macao", "HK-Macao"], ["à Hong Kong et Macao", "dans les RAS"], ["en Hong Kong y Macao", "en las RAE"]),
    w("海外", ["overseas", "abroad"], ["à l'étranger", "outre-mer"], ["en el extranjero", "de ultramar"]),
    w("青年", ["youth", "young people's"], ["auprès des jeunes", "de la jeunesse"], ["entre los jóvenes", "de la juventud"]),
    w("妇女", ["women's", "women"], ["auprès des femmes", "des femmes"], ["entre las mujeres", "de las mujeres"]),
    w("老年", ["elderly", "senior"], ["auprès des personnes âgées", "du troisième âge"], ["para las personas mayores", "de la tercera edad"]),
    w("流动人口", ["migrant-population", "floating-population"], ["auprès de la population flottante", "des migrants internes"], ["de la población flotante", "de los migrantes internos"]),
    w("新就业群体", ["new-employment-group", "gig-worker"], ["auprès des nouveaux groupes d'emploi", "des travailleurs des plateformes"], ["de los nuevos grupos de empleo", "de los trabajadores de plataformas"]),
    w("快递", ["courier", "express-delivery"], ["dans la livraison express", "des coursiers"], ["en la mensajería", "de los repartidores"]),
    w("物业", ["property-management", "residential-property"], ["dans la gestion immobilière", "des syndics"], ["en la administración de fincas", "de la gestión inmobiliaria"]),
    w("楼宇", ["commercial-building", "office-building"], ["dans les immeubles de bureaux", "des tours commerciales"], ["en los edificios de oficinas", "de los edificios comerciales"]),
    w("园区", ["industrial-park", "business-park"], ["dans les parcs industriels", "des zones d'activités"], ["en los parques industriales", "de los polígonos"]),
    w("市域", ["city-wide", "municipal"], ["à l'échelle municipale", "au niveau de la ville"], ["a escala municipal", "en el ámbito de la ciudad"]),
    w("数字", ["digital", "data-driven"], ["numérique", "à l'ère numérique"], ["digital", "en la era digital"]),
    w("智慧", ["smart", "intelligent"], ["à l'aide de l'intelligence numérique", "par les technologies intelligentes"], ["inteligente", "con tecnologías inteligentes"]),
    w("志愿", ["volunteer", "voluntary"], ["bénévole", "par le bénévolat"], ["mediante el voluntariado", "con voluntarios"]),
    w("法治", ["rule-of-law", "law-based"], ["dans le cadre de l'État de droit", "selon la loi"], ["en el marco del Estado de derecho", "conforme a la ley"]),
    w("协商", ["consultative", "deliberative"], ["par la concertation", "par la consultation"], ["mediante la consulta", "mediante la deliberación"]),
    w("共建共治共享", ["collaborative", "co-governance"], ["en collaboration", "par la cogouvernance"], ["en colaboración", "mediante la cogobernanza"]),
    w("党员", ["Party-member", "member"], ["des membres du Parti", "des adhérents"], ["de los militantes del Partido", "de los miembros del Partido"]),
    w("应急", ["emergency", "crisis"], ["en situation d'urgence", "de crise"], ["de emergencia", "ante crisis"]),
    w("红色", ["red", "revolutionary"], ["rouge", "révolutionnaire"], ["de tradición roja", "de la tradición revolucionaria"]),
    w("网络", ["cyberspace", "internet"], ["dans le cyberespace", "sur les réseaux"], ["en el ciberespacio", "en las redes"]),
    w("省级", ["provincial", "province-level"], ["au niveau provincial", "dans les provinces"], ["a nivel provincial", "en las provincias"]),
];

/// Topics: what the term is about (English noun modifier, French/Spanish complement).
#[rustfmt::skip]
pub const TOPICS: &[W] = &[
    t("党建", ["Party-building", "Party-construction"], ["de construction du Parti", "d'édification du Parti"], ["de construcción del Partido", "de fortalecimiento del Partido"], "party-building"),
    t("社会", ["social", "societal"], ["de la société", "du corps social"], ["de la sociedad", "del cuerpo social"], "social-work"),
    t("网格", ["grid", "grid-based"], ["en grille", "par quadrillage"], ["en cuadrícula", "por cuadrículas"], "governance"),
    t("群众", ["mass", "the-masses"], ["des masses", "auprès des masses"], ["de masas", "con las masas"], "party-building"),
    t("统战", ["united-front", "UF"], ["de front uni", "du Front uni"], ["de frente unido", "del Frente Unido"], "united-front"),
    t("信访", ["petition", "letters-and-visits"], ["des pétitions", "des lettres et visites"], ["de peticiones", "de cartas y visitas"], "stability"),
    t("矛盾纠纷", ["dispute", "conflict-and-dispute"], ["des litiges", "des conflits et litiges"], ["de conflictos", "de conflictos y disputas"], "stability"),
    t("志愿服务", ["volunteer-service", "volunteering"], ["du service bénévole", "du bénévolat"], ["del servicio voluntario", "del voluntariado"], "social-work"),
    t("民生", ["livelihood", "people's-wellbeing"], ["du bien-être de la population", "des conditions de vie"], ["del bienestar del pueblo", "de las condiciones de vida"], "governance"),
    t("平安", ["public-safety", "peace-and-security"], ["de la sécurité publique", "de la paix sociale"], ["de la seguridad pública", "de la paz social"], "stability"),
    t("宣传", ["publicity", "propaganda"], ["de la communication", "de la propagande"], ["de la divulgación", "de la propaganda"], "party-building"),
    t("组织", ["organizational", "organization"], ["d'organisation", "des organisations"], ["de organización", "de las organizaciones"], "party-organs"),
    t("干部", ["cadre", "official"], ["des cadres", "des fonctionnaires"], ["de cuadros", "de los funcionarios"], "party-building"),
    t("人才", ["talent", "human-resources"], ["des talents", "des ressources humaines"], ["de talentos", "de recursos humanos"], "employment"),
    t("廉政", ["clean-government", "anti-graft"], ["de l'intégrité", "de la lutte anticorruption"], ["de la integridad", "de la lucha anticorrupción"], "party-building"),
    t("作风", ["work-style", "conduct"], ["du style de travail", "de la conduite"], ["del estilo de trabajo", "de la conducta"], "party-building"),
    t("舆情", ["public-opinion", "online-sentiment"], ["de l'opinion publique", "du sentiment en ligne"], ["de la opinión pública", "del sentir en línea"], "stability"),
    t("安全生产", ["workplace-safety", "production-safety"], ["de la sécurité au travail", "de la sécurité de la production"], ["de la seguridad laboral", "de la seguridad en la producción"], "governance"),
    t("公共服务", ["public-service", "civic-service"], ["des services publics", "du service public"], ["de los servicios públicos", "del servicio público"], "governance"),
    t("养老", ["elderly-care", "old-age-care"], ["de la prise en charge des personnes âgées", "des soins aux aînés"], ["del cuidado de mayores", "de la atención a la tercera edad"], "social-work"),
    t("就业", ["employment", "job"], ["de l'emploi", "du travail salarié"], ["del empleo", "del trabajo"], "employment"),
    t("社会组织", ["social-organization", "civil-society-organization"], ["des organisations sociales", "des ONG"], ["de las organizaciones sociales", "de las ONG"], "organizations"),
    t("行业协会", ["industry-association", "trade-association"], ["des associations professionnelles", "des chambres de métiers"], ["de las asociaciones sectoriales", "de los gremios"], "organizations"),
    t("商会", ["chamber-of-commerce", "business-association"], ["des chambres de commerce", "des associations d'entreprises"], ["de las cámaras de comercio", "de las asociaciones empresariales"], "organizations"),
    t("民营经济", ["private-economy", "private-sector"], ["de l'économie privée", "du secteur privé"], ["de la economía privada", "del sector privado"], "employment"),
    t("宗教", ["religious-affairs", "religion"], ["des affaires religieuses", "de la religion"], ["de los asuntos religiosos", "de la religión"], "united-front"),
    t("民族团结", ["ethnic-unity", "national-unity"], ["de l'unité ethnique", "de l'unité nationale"], ["de la unidad étnica", "de la unidad nacional"], "united-front"),
    t("知识分子", ["intellectual", "intelligentsia"], ["des intellectuels", "de l'intelligentsia"], ["de los intelectuales", "de la intelectualidad"], "united-front"),
    t("党外人士", ["non-Party-personage", "non-CPC-figure"], ["des personnalités non membres du Parti", "des non-communistes"], ["de las personalidades sin partido", "de los no comunistas"], "united-front"),
    t("调解", ["mediation", "conciliation"], ["de la médiation", "de la conciliation"], ["de la mediación", "de la conciliación"], "stability"),
    t("综治", ["comprehensive-management", "overall-management"], ["de la gestion globale", "de la gestion intégrée"], ["de la gestión integral", "de la gestión global"], "stability"),
    t("法律援助", ["legal-aid", "legal-assistance"], ["de l'aide juridique", "de l'assistance juridique"], ["de la asistencia jurídica", "de la ayuda legal"], "governance"),
    t("心理", ["psychological", "mental-health"], ["de soutien psychologique", "de santé mentale"], ["de apoyo psicológico", "de salud mental"], "social-work"),
    t("文明实践", ["civilization-practice", "civic-practice"], ["de pratique de la civilisation", "de la pratique civique"], ["de práctica de la civilización", "de la práctica cívica"], "slogans"),
    t("乡村振兴", ["rural-revitalization", "rural-vitalization"], ["de la revitalisation rurale", "du renouveau rural"], ["de la revitalización rural", "de la revitalización del campo"], "governance"),
    t("精准扶贫", ["targeted-poverty-alleviation", "precise-poverty-relief"], ["de la lutte ciblée contre la pauvreté", "de l'aide ciblée aux pauvres"], ["del alivio focalizado de la pobreza", "de la lucha selectiva contra la pobreza"], "slogans"),
    t("防疫", ["epidemic-prevention", "disease-control"], ["de prévention des épidémies", "de la lutte contre les épidémies"], ["de prevención de epidemias", "del control de enfermedades"], "governance"),
    t("食品安全", ["food-safety", "food-security"], ["de la sécurité alimentaire", "de la sûreté des aliments"], ["de la inocuidad alimentaria", "de la seguridad alimentaria"], "governance"),
    t("生态环境", ["eco-environmental", "ecological"], ["de l'environnement écologique", "de l'écologie"], ["del medio ambiente ecológico", "de la ecología"], "governance"),
    t("意识形态", ["ideological", "ideology"], ["de l'idéologie", "du travail idéologique"], ["de la ideología", "del trabajo ideológico"], "party-building"),
    t("思想政治", ["ideological-and-political", "political-ideological"], ["de l'éducation politique et idéologique", "du travail politique"], ["de la educación ideológica y política", "del trabajo político"], "party-building"),
    t("统计", ["statistical", "statistics"], ["de la statistique", "des statistiques"], ["de la estadística", "de las estadísticas"], "governance"),
    t("数据", ["data", "big-data"], ["des données", "des mégadonnées"], ["de datos", "de macrodatos"], "governance"),
    t("户籍", ["household-registration", "hukou"], ["de l'enregistrement des ménages", "du hukou"], ["del registro de hogares", "del hukou"], "governance"),
    t("住房保障", ["housing-security", "affordable-housing"], ["du logement social", "du logement abordable"], ["de la vivienda protegida", "de la vivienda asequible"], "social-work"),
    t("社会保障", ["social-security", "social-welfare"], ["de la sécurité sociale", "de la protection sociale"], ["de la seguridad social", "de la protección social"], "social-work"),
    t("劳动关系", ["labour-relations", "industrial-relations"], ["des relations de travail", "des relations sociales"], ["de las relaciones laborales", "de las relaciones industriales"], "employment"),
    t("文化", ["cultural", "culture"], ["de la culture", "des activités culturelles"], ["de la cultura", "de las actividades culturales"], "slogans"),
    t("教育", ["educational", "education"], ["de l'éducation", "de l'enseignement"], ["de la educación", "de la enseñanza"], "social-work"),
    t("卫生健康", ["health", "public-health"], ["de la santé", "de la santé publique"], ["de la salud", "de la sanidad"], "social-work"),
    t("慈善", ["charity", "philanthropic"], ["de la philanthropie", "des œuvres caritatives"], ["de la filantropía", "de la beneficencia"], "organizations"),
    t("退役军人", ["veterans", "ex-service-personnel"], ["des anciens combattants", "des militaires retraités"], ["de los veteranos", "de los militares retirados"], "social-work"),
];

/// Heads: what kind of thing the term names (a noun in every language).
#[rustfmt::skip]
pub const HEADS: &[W] = &[
    w("工作", ["work", "affairs"], ["travail", "action"], ["trabajo", "labor"]),
    w("治理", ["governance", "administration"], ["gouvernance", "administration"], ["gobernanza", "administración"]),
    w("服务", ["service", "services"], ["service", "prestation"], ["servicio", "prestación"]),
    w("体系", ["system", "framework"], ["système", "dispositif"], ["sistema", "marco"]),
    w("机制", ["mechanism", "arrangement"], ["mécanisme", "procédure"], ["mecanismo", "procedimiento"]),
    w("制度", ["institutions", "system of rules"], ["régime", "cadre institutionnel"], ["régimen", "marco institucional"]),
    w("中心", ["centre", "center"], ["centre", "pôle"], ["centro", "núcleo"]),
    w("平台", ["platform", "portal"], ["plateforme", "portail"], ["plataforma", "portal"]),
    w("模式", ["model", "mode"], ["modèle", "mode"], ["modelo", "modalidad"]),
    w("经验", ["experience", "model practice"], ["expérience", "pratique exemplaire"], ["experiencia", "práctica ejemplar"]),
    w("建设", ["development", "building"], ["développement", "édification"], ["desarrollo", "edificación"]),
    w("改革", ["reform", "overhaul"], ["réforme", "refonte"], ["reforma", "reestructuración"]),
    w("阵地", ["front", "stronghold"], ["front", "bastion"], ["frente", "bastión"]),
    w("队伍", ["workforce", "contingent"], ["équipe", "effectifs"], ["equipo", "contingente"]),
    w("站", ["station", "post"], ["station", "poste"], ["estación", "puesto"]),
    w("专班", ["task force", "special team"], ["groupe de travail", "équipe spéciale"], ["grupo de trabajo", "equipo especial"]),
    w("示范点", ["pilot site", "demonstration site"], ["site pilote", "site de démonstration"], ["sitio piloto", "punto de demostración"]),
    w("联席会议", ["joint conference", "inter-agency meeting"], ["conférence conjointe", "réunion interservices"], ["conferencia conjunta", "reunión interinstitucional"]),
    w("责任制", ["responsibility system", "accountability system"], ["système de responsabilité", "responsabilisation"], ["sistema de responsabilidad", "rendición de cuentas"]),
    w("网", ["network", "web"], ["réseau", "maillage"], ["red", "malla"]),
    w("清单", ["list", "checklist"], ["liste", "inventaire"], ["lista", "inventario"]),
    w("台账", ["ledger", "register"], ["registre", "fichier"], ["registro", "libro de registro"]),
    w("考核", ["assessment", "evaluation"], ["évaluation", "notation"], ["evaluación", "valoración"]),
    w("督查", ["inspection", "supervision"], ["inspection", "contrôle"], ["inspección", "supervisión"]),
    w("培训", ["training", "capacity building"], ["formation", "renforcement des capacités"], ["formación", "capacitación"]),
    w("保障", ["safeguards", "support"], ["garanties", "soutien"], ["garantías", "apoyo"]),
    w("工程", ["programme", "project"], ["programme", "chantier"], ["programa", "proyecto"]),
    w("行动", ["campaign", "action"], ["campagne", "opération"], ["campaña", "acción"]),
    w("规划", ["plan", "blueprint"], ["plan", "schéma"], ["plan", "planificación"]),
    w("试点", ["pilot", "trial"], ["expérimentation", "essai"], ["experiencia piloto", "prueba"]),
    w("联盟", ["alliance", "coalition"], ["alliance", "coalition"], ["alianza", "coalición"]),
    w("协会", ["association", "society"], ["association", "société"], ["asociación", "sociedad"]),
    w("委员会", ["committee", "commission"], ["comité", "commission"], ["comité", "comisión"]),
    w("领导小组", ["leading group", "leading small group"], ["groupe dirigeant", "petit groupe dirigeant"], ["grupo dirigente", "pequeño grupo dirigente"]),
    w("办公室", ["office", "bureau"], ["bureau", "secrétariat"], ["oficina", "secretaría"]),
    w("联络站", ["liaison station", "liaison office"], ["poste de liaison", "bureau de liaison"], ["puesto de enlace", "oficina de enlace"]),
    w("驿站", ["rest stop", "hub"], ["relais", "point d'accueil"], ["punto de descanso", "centro de acogida"]),
    w("基金", ["fund", "foundation"], ["fonds", "fondation"], ["fondo", "fundación"]),
    w("指数", ["index", "indicator"], ["indice", "indicateur"], ["índice", "indicador"]),
    w("标准", ["standard", "norms"], ["norme", "normes"], ["norma", "estándar"]),
    w("条例", ["regulations", "rules"], ["règlement", "ordonnance"], ["reglamento", "ordenanza"]),
    w("办法", ["measures", "procedures"], ["mesures", "modalités"], ["medidas", "procedimientos"]),
    w("意见", ["guidelines", "opinions"], ["lignes directrices", "avis"], ["directrices", "dictamen"]),
    w("方案", ["scheme", "work plan"], ["schéma directeur", "plan d'action"], ["esquema", "plan de acción"]),
    w("新格局", ["new pattern", "new configuration"], ["nouvelle configuration", "nouveau schéma"], ["nueva configuración", "nuevo esquema"]),
    w("共同体", ["community of shared purpose", "collective"], ["communauté", "collectivité"], ["comunidad", "colectividad"]),
    w("能力", ["capacity", "capability"], ["capacité", "aptitude"], ["capacidad", "aptitud"]),
    w("现代化", ["modernization", "modernisation"], ["modernisation", "mise à niveau"], ["modernización", "actualización"]),
    w("一张网", ["single network", "one-net"], ["réseau unique", "maillage unique"], ["red única", "malla única"]),
    w("品牌", ["brand", "flagship"], ["marque", "label"], ["marca", "sello"]),
];

/// The head whose older, superseded form is recorded: 社会管理 → 社会治理 (2013).
pub const GOVERNANCE: &str = "治理";
pub const GOVERNANCE_OLD: &str = "管理";

/// Number words for dates and counts in Chinese passages.
pub const ZH_PUBLISHERS: &[(&str, &str, &str)] = &[
    ("xinhua", "新华社", "official"),
    ("peoples-daily", "人民日报", "official"),
    ("qiushi", "求是", "official"),
    ("guangming", "光明日报", "official"),
    ("legal-daily", "法治日报", "official"),
];

/// (slug, publisher, kind) of translations and independent sources per language.
pub const EN_PUBLISHERS: &[(&str, &str, &str)] = &[
    ("chinadaily", "China Daily", "official"),
    ("xinhua-en", "Xinhua", "official"),
    ("merics", "MERICS", "scholarly"),
    ("sinocism", "Sinocism", "media"),
    ("scmp", "South China Morning Post", "media"),
];
pub const FR_PUBLISHERS: &[(&str, &str, &str)] = &[
    ("french-china-org", "french.china.org.cn", "official"),
    (
        "quotidien-peuple",
        "Le Quotidien du Peuple en ligne",
        "official",
    ),
    ("ifri", "Ifri", "scholarly"),
    ("le-monde", "Le Monde", "media"),
    ("rfi", "RFI", "media"),
];
pub const ES_PUBLISHERS: &[(&str, &str, &str)] = &[
    ("spanish-china-org", "spanish.china.org.cn", "official"),
    ("china-hoy", "China Hoy", "official"),
    ("cidob", "CIDOB", "scholarly"),
    ("el-pais", "El País", "media"),
    ("efe", "Agencia EFE", "media"),
];

/// Readings where a character's default reading is wrong here, and word divisions of the
/// longer morphemes: syllables separated by spaces, words by `|` (Hanyu pinyin orthography
/// writes 乡村振兴 as "xiāngcūn zhènxīng"). Any word not listed is one word in default readings,
/// or two words of two characters if it has four.
pub const PINYIN: &[(&str, &str)] = &[
    ("应急", "yìng jí"),
    ("调解", "tiáo jiě"),
    ("行业协会", "háng yè | xié huì"),
    ("知识分子", "zhī shí | fèn zǐ"),
    ("新时代", "xīn | shí dài"),
    ("新格局", "xīn | gé jú"),
    ("一张网", "yī | zhāng | wǎng"),
    ("新就业群体", "xīn | jiù yè | qún tǐ"),
    ("非公有制经济", "fēi gōng yǒu zhì | jīng jì"),
    ("共建共治共享", "gòng jiàn | gòng zhì | gòng xiǎng"),
];

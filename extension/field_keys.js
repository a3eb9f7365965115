// Generated from schemas/keys.py by `make field-keys`. Do not edit.
// The canonical field keys every fill path uses.
globalThis.PLAINT_FIELD_KEYS = [
  {
    "key": "given_name",
    "group": "profile",
    "label_en": "Given name",
    "label_zh": "名",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "family_name",
    "group": "profile",
    "label_en": "Family name",
    "label_zh": "姓",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "full_name",
    "group": "profile",
    "label_en": "Full name",
    "label_zh": "姓名",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "email",
    "group": "profile",
    "label_en": "Email",
    "label_zh": "电子邮箱",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "phone",
    "group": "profile",
    "label_en": "Phone",
    "label_zh": "联系电话",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "address_line1",
    "group": "profile",
    "label_en": "Address line 1",
    "label_zh": "地址第一行",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "address_line2",
    "group": "profile",
    "label_en": "Address line 2",
    "label_zh": "地址第二行",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "city",
    "group": "profile",
    "label_en": "City",
    "label_zh": "城市",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "state",
    "group": "profile",
    "label_en": "State / province",
    "label_zh": "省份/州",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "postal_code",
    "group": "profile",
    "label_en": "Postal code",
    "label_zh": "邮政编码",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "country",
    "group": "profile",
    "label_en": "Country",
    "label_zh": "国家/地区",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "full_address",
    "group": "profile",
    "label_en": "Full address",
    "label_zh": "通讯地址",
    "sensitive": false,
    "derived": true
  },
  {
    "key": "date_of_birth",
    "group": "profile",
    "label_en": "Date of birth",
    "label_zh": "出生日期",
    "sensitive": true,
    "derived": false
  },
  {
    "key": "id_number",
    "group": "profile",
    "label_en": "ID number",
    "label_zh": "证件号码",
    "sensitive": true,
    "derived": false
  },
  {
    "key": "company_name",
    "group": "case",
    "label_en": "Company complained about",
    "label_zh": "被投诉方",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "account_id",
    "group": "case",
    "label_en": "Account",
    "label_zh": "账户",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "transaction_id",
    "group": "case",
    "label_en": "Transaction ID",
    "label_zh": "交易单号",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "incident_date",
    "group": "case",
    "label_en": "Date of incident",
    "label_zh": "发生日期",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "amount",
    "group": "case",
    "label_en": "Amount",
    "label_zh": "涉诉金额",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "currency",
    "group": "case",
    "label_en": "Currency",
    "label_zh": "币种",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "category",
    "group": "case",
    "label_en": "Category",
    "label_zh": "投诉类别",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "complaint_title",
    "group": "case",
    "label_en": "Complaint title",
    "label_zh": "投诉标题",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "complaint_description",
    "group": "case",
    "label_en": "What happened",
    "label_zh": "投诉内容",
    "sensitive": false,
    "derived": false
  },
  {
    "key": "desired_resolution",
    "group": "case",
    "label_en": "Desired resolution",
    "label_zh": "投诉要求",
    "sensitive": false,
    "derived": false
  }
];

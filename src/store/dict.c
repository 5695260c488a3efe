/*
 * dict.c -- the built-in dictionaries that short stored values are packed
 * against (zlib's preset dictionary; codec.c wire type 4, zip.c), so that
 * a value of a few dozen bytes, too short for deflate alone, shrinks to a
 * third: the deflate stream refers to phrases of the dictionary instead
 * of spelling them out.
 *
 * A dictionary is part of the on-disk format: a value packed against
 * dictionary N inflates only against exactly these bytes.  So once a
 * dictionary is released its bytes NEVER change (tests/store pins each
 * one's length and Adler-32); a better one takes the next number and
 * field tables name it, and the old one stays here for ever so that the
 * values packed against it still read.  A number this program does not
 * know makes the value damaged (STATUS_CORRUPT).
 *
 * What they hold, the phrases most often used last (deflate's distances
 * are shorter to the end of the dictionary):
 *   1  the phrases the program itself writes into audit details (the
 *      formats of src/core, with their words and typical numbers);
 *   2  documents' text: the forms' field names (a version's "fields"
 *      lines), the forms' Chinese labels and choices, common phrases of
 *      official documents, and the lines the core writes into a
 *      version's fields with their usual values;
 *   3  the fixed bytes of our own seal signatures as the store keeps
 *      them (splice.c's head, then the DER structure, object identifiers
 *      and tags src/crypto/ses.c and ses_protect.c write, without any
 *      hash, name or number of a particular seal).
 * None is taken from generated or real documents, so measured ratios
 * are what a bureau's own documents would get.
 *
 * It must not hold anything secret or site-specific: the dictionaries
 * are in every copy of the program.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

/* 1: audit details (rec_audit.c). */
static const char dict_audit[] =
	"workspace created with administrators sysadmin, secadmin, auditor"
	"\n"
	"workspace created for , classification none\n"
	"workstation key sm3:\n"
	"seal  registered\n"
	" \"\" made, SM2 key, certificate serial 1, custodian clerk\n"
	"took custody of seal  and set its key password\n"
	"issued by the office's root certificate\n"
	"revocation list exported\n"
	"seal  active -> suspended: \n"
	"seal  suspended -> active: \n"
	"seal  active -> revoked: \n"
	"custody 1 of seal  requested for proxy \n"
	"proxy custody of seal  for \n"
	"custody 1 approved: \n"
	"custody 1 denied: \n"
	"handover of custody 1\n"
	"return of custody 1\n"
	"seal  handed over to , custody 1 approved by \n"
	"seal  returned by , custody 1 approved by \n"
	"grant 1: seal  to , 2026-01-01 to 2026-12-31, at most 1 uses\n"
	"end of grant 1\n"
	"grant of seal  to \n"
	"standalone seal  for \n"
	"standalone 1 use 1 at  (station clock) by : ; pdf sm3 ; printed at"
	" the station: \n"
	"standalone 1 returned from medium : 1 uses, package wiped, tampere"
	"d with\n"
	"printer  added: folder , colour, unclassified\n"
	"printer  removed: \n"
	"department  added\n"
	"policy changed by : \n"
	"setting \n"
	"account  created as sysadmin\n"
	"account  created\n"
	"account : roles none->drafter; clearance 0->1; issuing 1->0x1f; le"
	"ader level 0->1;\n"
	" none->approver none->office-director none->printer none->clerk\n"
	"account disabled\n"
	"account locked\n"
	"locked after failed logins\n"
	"unknown user name\n"
	"logged out\n"
	"password changed\n"
	"logged in with an initial password; must change it\n"
	"logged in\n"
	"summary totals of all days (seal 1, department 1, \n"
	"report: the signature of document 1 version 1 \n"
	"classification none->secret\n"
	"destroyed copies 1-1, witness \n"
	"recalled copies 1-1\n"
	"settled from the folder: 1 of 1 copies found\n"
	"approved 1 more copies of document 1\n"
	"application 1: 1 more copies of version 1\n"
	"reprint of sealed version 1 as version 2\n"
	"refused for e-sealing\n"
	"rejected version 1 in state to-seal\n"
	"version 1, step 1 of 3: returned to the drafter\n"
	"revised: version 2\n"
	"created party-group, version 1, refused: never e-sealed (Art. 2)\n"
	"created litigation-table, version 1, draft\n"
	"created litigation-fill-in, version 1, draft\n"
	"created official-admin, version 1, draft\n"
	"created official-office, version 1, draft\n"
	"created litigation-composed, version 1, draft\n"
	"version 1, step 1 of 3: approved\n"
	"document 1 version 1: copies 1-1 reserved on printer 1\n"
	"document 1: copies 1-1 done, 1 printed\n"
	"sealed version 1 with seal , 1 copies\n"
	"sent version 1 for e-sealing\n"
	"version 1, step 1 of 3: issued as \n"
	"submitted version 1\n";

/* 2: documents' text (rec_version.c's title, recipients, body ...). */
static const char dict_text[] =
	"blank-form: department: requester: copies: reason: title: case-num"
	"ber: applicant: respondent: received: matter: handler: recipients:"
	" body: attachment: attachment-text: agents: document: kind: seal: "
	"custodian: proxy: from: until: standalone: station: batch: recipie"
	"nt: place: method: served-on: receiver: server: witness: remarks: "
	"issuing-body: classification: classification-period: urgency: spec"
	"ial-number: seal-mode: leader-in-charge: 中华人民共和国国务院办公"
	"厅人民政府司法局司法所公安局财政局人力资源和社会保障局关于进一步加"
	"强和改进的实施意见关于印发的通知关于开展专项工作的通知关于转发的通"
	"知关于调整的批复关于同意的批复关于申请的请示关于报送的报告关于召开"
	"会议的通知关于表彰先进集体和先进个人的决定关于成立领导小组的通知行"
	"政复议决定书行政处罚决定书不予受理决定书责令整改通知书送达回证委托"
	"书为贯彻落实党中央、国务院决策部署，根据《中华人民共和国》等法律法"
	"规，经研究，现将有关事项通知如下：按照上级有关要求，结合本地区实际"
	"，请各单位高度重视，认真组织实施，切实加强组织领导，明确工作责任，"
	"确保各项工作任务落到实处。各单位要加强沟通协调，形成工作合力。工作"
	"中遇到的问题，请及时报告。请于年月日前将有关材料报送局办公室。联系"
	"人：联系电话：附件：特此通知。特此批复。妥否，请批示。以上报告，请"
	"审阅。此复。现予公布，自发布之日起施行。本通知自印发之日起执行。一"
	"、二、三、四、五、（一）（二）（三）第一条第二条第三条第四条第五条"
	"法律援助人民调解社区矫正普法宣传依法行政行政复议行政执法监督公共法"
	"律服务律师公证司法鉴定仲裁基层法律服务安置帮教申请人被申请人第三人"
	"委托代理人复议机关复议请求事实和理由本机关认为，根据《中华人民共和"
	"国行政复议法》第条之规定，决定如下：如不服本决定，可以自收到本决定"
	"书之日起十五日内向人民法院提起行政诉讼。年月日局机关各科室，各镇（"
	"街道）工作站各科室、各直属单位：各镇（街道）司法所：办公室空白文书"
	"批量用印申请文书名称申请科室指定申请人份数用途行政复议案件登记表标"
	"题案号申请人被申请人收件日期复议请求承办人决定主送机关正文附件名称"
	"附件正文委托函受委托人加印申请原文件加印份数加印事由通知文件类别办"
	"公室文件行政文件印章代管申请印章名称保管人代管人代管起始日期预计交"
	"回日期代管事由重印申请打印份数重印事由请示用印申请用印文件单机版电"
	"子印章否是，用于工作站工作站用印份数用印事由送达回证空白文书否，在"
	"此填写是，批量空白文书送达文书名称及文号受送达人送达地点送达方式直"
	"接送达留置送达邮寄送达委托送达送达日期代收人及代收理由送达人见证人"
	"备注发文机关密级非涉密秘密机密绝密保密期限紧急程度不标注平件加急特"
	"急特殊字号是用印方式电子印章传统印章分管局领导审批否，科长（副科长"
	"）审批即可是，再经分管局领导审批各科室司法局办公室kind: official-a"
	"dmin\n"
	"kind: litigation-table\n"
	"kind: litigation-fill-in\n"
	"kind: party-group\n"
	"urgency: urgent\n"
	"urgency: very-urgent\n"
	"classification: secret\n"
	"classification: confidential\n"
	"classification: top-secret\n"
	"seal-mode: traditional\n"
	"special-number: yes\n"
	"leader-in-charge: yes\n"
	"batch: yes\n"
	"kind: litigation-composed\n"
	"kind: official-office\n"
	"classification: none\n"
	"urgency: normal\n"
	"special-number: no\n"
	"seal-mode: electronic\n"
	"copies: 1\n"
	"leader-in-charge: no\n"
	"batch: no\n"
	"form: \n";

/* 3: seal signatures without their seal's bytes (splice.c's form). */
static const unsigned char dict_ses[] = {
	0x00, 0x01, 0x01, 0x02, 0x01, 0x30, 0x82, 0x30, 0x82, 0x02, 0x01, 0x04,
	0x18, 0x0f, 0x32, 0x30, 0x32, 0x36, 0x30, 0x5a, 0x03, 0x21, 0x00, 0x16,
	0x65, 0x73, 0x65, 0x61, 0x6c, 0x2f, 0x64, 0x6f, 0x63, 0x2d, 0x2f, 0x76,
	0x31, 0x2f, 0x63, 0x6f, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0xa0, 0x82, 0x01,
	0x09, 0x30, 0x82, 0x01, 0x05, 0x30, 0x82, 0x01, 0x01, 0x06, 0x14, 0x69,
	0x83, 0xe5, 0xe9, 0xfb, 0x98, 0xb3, 0x9a, 0x8a, 0xaa, 0xb3, 0x8a, 0xfa,
	0xd5, 0x9a, 0xaa, 0xdf, 0xec, 0xc6, 0x0a, 0x04, 0x81, 0xe8, 0x30, 0x81,
	0xe5, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02, 0x30, 0x22, 0x02, 0x01, 0x01,
	0x02, 0x01, 0x01, 0x0c, 0xe3, 0x80, 0x94, 0x32, 0x30, 0x32, 0x36, 0xe3,
	0x80, 0x95, 0xe5, 0x8f, 0xb7, 0x04, 0x20, 0x04, 0x00, 0x30, 0x2d, 0x0c,
	0x04, 0x20, 0x30, 0x0c, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x02, 0x01,
	0x00, 0x02, 0x01, 0x00, 0x30, 0x0c, 0x02, 0x01, 0x08, 0x0c, 0x0c, 0x00,
	0x02, 0x01, 0x00, 0x30, 0x0c, 0x02, 0x01, 0x05, 0x0c, 0x0c, 0x00, 0x18,
	0x0f, 0x32, 0x30, 0x32, 0x36, 0x30, 0x5a, 0x30, 0x25, 0x02, 0x01, 0x01,
	0x04, 0x20, 0x02, 0x01, 0x04, 0x04, 0x82, 0x02, 0x06, 0x08, 0x2a, 0x81,
	0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75, 0x03, 0x46, 0x00, 0x30, 0x44, 0x02,
	0x20, 0x02, 0x20, 0x02, 0x21, 0x00
};

static const struct dict dict_all[] = {
	{ DICT_AUDIT, (const unsigned char *) dict_audit,
	    sizeof dict_audit - 1 },
	{ DICT_TEXT, (const unsigned char *) dict_text, sizeof dict_text - 1 },
	{ DICT_SES, dict_ses, sizeof dict_ses },
};

const struct dict *
dict_get(unsigned number)
{
	size_t i;

	for (i = 0; i < sizeof dict_all / sizeof dict_all[0]; i++)
		if (dict_all[i].number == number)
			return &dict_all[i];
	return NULL;
}

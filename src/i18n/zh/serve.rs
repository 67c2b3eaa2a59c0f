use crate::i18n::Zh;
use crate::i18n::serve::ServeText;

impl ServeText for Zh {
    fn serve_join_heading(&self) -> &'static str {
        "参加者加入链接（用手机打开或扫码）："
    }
    fn serve_qr_heading(&self) -> &'static str {
        "扫码加入："
    }
    fn serve_trainer_link(&self, url: &str) -> String {
        format!("培训者页面（只给自己，勿投影）：{url}")
    }
    fn serve_how_to_stop(&self) -> &'static str {
        "按 Ctrl-C 停止；所有作答已保存，用同一场次再次启动即可继续。"
    }
    fn serve_live(&self, joined: usize, answering: usize, finished: usize) -> String {
        format!("已加入 {joined} 人 · 作答中 {answering} 人 · 已提交 {finished} 人")
    }
    fn serve_stopped(&self, session: &str) -> String {
        format!("已停止。所有作答都已保存；用 --session {session} 再次启动即可继续，链接不变。")
    }
    fn serve_cannot_listen(&self, addr: &str, why: &str) -> String {
        format!("无法在 {addr} 上监听：{why}。换一个端口（如 --listen 0.0.0.0:8081），或用端口 0 自动选择")
    }
    fn serve_bad_listen(&self, value: &str) -> String {
        format!("--listen {value} 不是“地址:端口”，例如 0.0.0.0:8080 或 127.0.0.1:0")
    }
    fn serve_cannot_write_urls(&self, path: &str, why: &str) -> String {
        format!("无法写入 --urls-file {path}：{why}")
    }
    fn serve_bad_state(&self, session: &str, why: &str) -> String {
        format!("结果库中场次“{session}”的服务记录无法读取：{why}。请换一个场次名称")
    }
    fn serve_other_rubric(&self, session: &str, kept: &str, given: &str) -> String {
        format!("场次“{session}”是用量表 {kept} 开始的，不能改用 {given}：去掉 --rubric，或换一个场次名称")
    }
    fn serve_tls_unreadable(&self, flag: &str, path: &str, why: &str) -> String {
        format!("无法读取 {flag} {path}：{why}。请检查文件路径和读取权限")
    }
    fn serve_tls_bad_pem(&self, flag: &str, path: &str) -> String {
        format!(
            "{flag} {path} 不是有效的 PEM 文件（某段 -----BEGIN … 到 -----END … 之间有误）：请给出未经改动的证书或私钥文件"
        )
    }
    fn serve_tls_no_cert(&self, path: &str) -> String {
        format!(
            "--tls-cert {path} 中没有证书（-----BEGIN CERTIFICATE-----）：请给出 PEM 格式的证书文件，私钥文件给 --tls-key"
        )
    }
    fn serve_tls_no_key(&self, path: &str) -> String {
        format!(
            "--tls-key {path} 中没有私钥（-----BEGIN PRIVATE KEY-----、RSA PRIVATE KEY 或 EC PRIVATE KEY）：请给出证书的私钥文件（PEM 格式，未加密）"
        )
    }
    fn serve_tls_mismatch(&self, cert: &str, key: &str) -> String {
        format!("--tls-key {key} 不是证书 {cert} 的私钥：请给出与证书配套的私钥文件")
    }
    fn serve_tls_rejected(&self, cert: &str, key: &str, why: &str) -> String {
        format!("证书 {cert} 与私钥 {key} 无法使用（{why}）：请换用 RSA、ECDSA 或 Ed25519 的证书和私钥")
    }
    fn serve_not_found(&self) -> &'static str {
        "没有这个页面。请向培训者索取加入链接。"
    }
    fn serve_closed(&self) -> &'static str {
        "本场测评已结束，不再接收作答。"
    }
    fn serve_needs_header(&self) -> &'static str {
        "JSON 请求须带请求头 X-Zhixing: 1"
    }
    fn serve_too_large(&self, limit_kib: usize) -> String {
        format!("请求内容太大：最多 {limit_kib} KiB")
    }
    fn serve_too_many(&self, seconds: u64) -> String {
        format!("尝试太频繁，请 {seconds} 秒后再试")
    }
    fn serve_bad_body(&self, why: &str) -> String {
        format!("请求内容有误：{why}")
    }
    fn serve_unknown_item(&self, id: &str) -> String {
        format!("本问卷没有条目 \"{id}\"")
    }
    fn serve_no_skip(&self, id: &str) -> String {
        format!("\"{id}\" 不能跳过：本量表要求每题作答")
    }
    fn serve_bad_value(&self, id: &str) -> String {
        format!("\"{id}\" 的作答须是整数或 \"skip\"")
    }
    fn serve_already_submitted(&self) -> &'static str {
        "已经提交，不能再修改作答"
    }
    fn serve_unanswered(&self, ids: &[String]) -> String {
        format!("还有 {} 题未作答：{}", ids.len(), ids.join("、"))
    }
    fn serve_bad_role(&self, role: &str) -> String {
        format!("评价人身份 \"{role}\" 无效：可用 self、supervisor、peer、subordinate、other")
    }
    fn serve_empty_field(&self, field: &str) -> String {
        format!("{field} 不能为空")
    }
    fn serve_unsafe_field(&self, field: &str, at: usize, c: char) -> String {
        format!("{field} 第 {at} 个字节处有不可见的控制字符 U+{:04X}，请删去后重试", c as u32)
    }
    fn serve_store_failed(&self) -> &'static str {
        "服务器暂时无法保存，请告诉培训者；已确认的作答不会丢失"
    }
    fn serve_group_not_yet(&self, finished: usize, min_group: usize) -> String {
        format!("已提交 {finished} 人，至少 {min_group} 人提交后才显示团体报告")
    }
    fn serve_roster_heading(&self, path: &str) -> String {
        format!("名单 {path} 不能使用：")
    }
    fn serve_roster_not_csv(&self, line: usize, why: &str) -> String {
        format!("第 {line} 行：不是 CSV（{why}）")
    }
    fn serve_roster_no_name(&self, line: usize) -> String {
        format!("第 {line} 行：没有姓名")
    }
    fn serve_roster_unsafe(&self, line: usize, column: usize, c: char) -> String {
        format!("第 {line} 行第 {column} 列：含有不可见的控制字符 U+{:04X}，请删去", c as u32)
    }
    fn serve_roster_too_many(&self, most: usize) -> String {
        format!("超过 {most} 人")
    }
    fn serve_roster_empty(&self) -> &'static str {
        "名单里没有人"
    }
    fn serve_roster_hint(&self) -> &'static str {
        "名单是两列的 CSV：姓名,部门（第一行可以是标题）。"
    }
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ComplaintCaseController</name>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="47"/>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="47"/>
        <source>Extend the deadline</source>
        <translation>延长处理期限</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="48"/>
        <source>Pause the clock (appraisal, testing, valuation, mediation)</source>
        <translation>中止计时（鉴定、检测、评估、调解）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="49"/>
        <source>End the pause</source>
        <translation>结束中止、恢复计时</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="49"/>
        <source>Repeat complaint</source>
        <translation>重复投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="50"/>
        <source>Reply date agreed with the customer (Art 21)</source>
        <translation>与客户约定答复日期（第二十一条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="51"/>
        <source>Documents received (Art 14)</source>
        <translation>材料已收到（第十四条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="51"/>
        <source>Handler (Art 17 recusal)</source>
        <translation>核查处理人员（第十七条 回避）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="52"/>
        <source>Report a major complaint (Art 29)</source>
        <translation>重大投诉报告（第二十九条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="55"/>
        <source>30 days (complex)</source>
        <translation>30日（案情复杂）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="56"/>
        <source>60 days (approver and notice required)</source>
        <translation>60日（须审批并告知投诉人）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="57"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="106"/>
        <source>{ticket} · {status} · {level}</source>
        <translation>{ticket} · {status} · {level}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="136"/>
        <source>No due date (no time received)</source>
        <translation>无期限（未填写收到时间）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="138"/>
        <source>Due {date} (agreed with the customer, Art 21; the {limit}-day limit is {statutory})</source>
        <translation>期限 {date}（与客户约定，第二十一条；{limit}日期限为 {statutory}）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="141"/>
        <source>Due {date} ({limit}-day limit)</source>
        <translation>期限 {date}（{limit}日）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="144"/>
        <source>{n} day(s) left</source>
        <translation>剩 {n} 天</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="144"/>
        <source>{n} day(s) overdue</source>
        <translation>已超期 {n} 天</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="146"/>
        <source>clock paused</source>
        <translation>中止计时中</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="148"/>
        <source>the earliest date, while the pause lasts</source>
        <translation>中止期间按最早日期显示</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="159"/>
        <location filename="../../../assist/ui/complaint_case.py" line="231"/>
        <source>Set your staff number (agent.staff_id) in the settings first: every change records who made it.</source>
        <translation>请先在设置中填写工号（agent.staff_id）：每次变更都会记录操作人。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="235"/>
        <source>This complaint is closed: its status can no longer change.</source>
        <translation>该投诉已终结，状态不能再变更。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="240"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="246"/>
        <source>Saved (revision {n}).</source>
        <translation>已保存（第{n}版）。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="255"/>
        <source>Refused: {reason}</source>
        <translation>未能执行：{reason}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="257"/>
        <source>Could not save ({error}); try again.</source>
        <translation>保存失败（{error}），请重试。</translation>
    </message>
</context>
<context>
    <name>ComplaintCaseView</name>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="250"/>
        <source>New status</source>
        <translation>改为状态</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="250"/>
        <source>When (received / requested)</source>
        <translation>时间（撤回收到 / 核查申请）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="251"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="251"/>
        <source>Decision</source>
        <translation>处理决定</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="251"/>
        <source>Basis and reasons</source>
        <translation>依据和理由</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="252"/>
        <source>Notice method</source>
        <translation>告知方式</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="252"/>
        <source>Notice sent at</source>
        <translation>告知时间</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="253"/>
        <source>Notice evidence</source>
        <translation>告知凭证</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="253"/>
        <source>Could not be reached</source>
        <translation>无法联系投诉人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="254"/>
        <source>Extend to</source>
        <translation>延长至</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="254"/>
        <source>Approved by</source>
        <translation>审批人类别</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="255"/>
        <source>Approver&apos;s name</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="255"/>
        <location filename="../../../assist/ui/complaint_case_view.py" line="257"/>
        <source>Complainant told on</source>
        <translation>告知投诉人日期</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="256"/>
        <source>Pause for</source>
        <translation>中止计时事由</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="256"/>
        <source>Paused from</source>
        <translation>中止开始日</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="256"/>
        <source>Paused until</source>
        <translation>中止结束日</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="257"/>
        <source>Resumed on</source>
        <translation>恢复计时日</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="258"/>
        <source>Repeat received on</source>
        <translation>重复投诉收到日</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="258"/>
        <source>Brings new facts or reasons</source>
        <translation>有新的事实或理由</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="259"/>
        <source>Reviewer at the superior institution (Art 20)</source>
        <translation>上级机构核查人员（第二十条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="260"/>
        <source>Review decided on</source>
        <translation>核查决定日期</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="261"/>
        <source>Reason for the extension (Art 18)</source>
        <translation>延期原因（第十八条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="262"/>
        <source>External body (appraiser, tester, valuer or mediation organisation)</source>
        <translation>外部机构（鉴定、检测、评估机构或调解组织）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="263"/>
        <source>Reply date agreed with the customer</source>
        <translation>与客户约定的答复日期</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="264"/>
        <source>Evidence of the agreement (recording id, SMS)</source>
        <translation>约定凭证（录音编号、短信等）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="265"/>
        <source>Agreed on</source>
        <translation>约定日期</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="265"/>
        <source>Documents received on</source>
        <translation>材料收到日期</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="266"/>
        <source>Handler (staff id or name)</source>
        <translation>核查处理人员（工号或姓名）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="267"/>
        <source>The agent who took it has an interest in the matter</source>
        <translation>受理人与投诉事项有利害关系</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="268"/>
        <source>Reported to (e.g. head-office consumer protection)</source>
        <translation>报告对象（如总行消保部）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="268"/>
        <source>Reported at</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="270"/>
        <source>Told: review (核查)</source>
        <translation>已告知：申请核查</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="270"/>
        <source>Told: mediation (调解)</source>
        <translation>已告知：调解</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="271"/>
        <source>Told: arbitration (仲裁)</source>
        <translation>已告知：仲裁</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="271"/>
        <source>Told: litigation (诉讼)</source>
        <translation>已告知：诉讼</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="280"/>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日，如 2026-03-10</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="281"/>
        <location filename="../../../assist/ui/complaint_case_view.py" line="282"/>
        <source>YYYY-MM-DD HH:MM</source>
        <translation>如 2026-03-10 15:00</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="283"/>
        <source>Link to the call in progress (follow-up)</source>
        <translation>关联到当前通话（跟进来电）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="284"/>
        <source>Link this complaint to the call in progress</source>
        <translation>将此投诉关联到当前通话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="292"/>
        <source>Take an action</source>
        <translation>办理</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="293"/>
        <source>Handling record</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="294"/>
        <source>Handling record: one line per action</source>
        <translation>处理记录：每项操作一行</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="295"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="285"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="286"/>
        <source>Action details</source>
        <translation>操作内容</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="287"/>
        <source>Apply (Ctrl+Enter)</source>
        <translation>执行（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="288"/>
        <location filename="../../../assist/ui/complaint_case_view.py" line="298"/>
        <source>Apply the action</source>
        <translation>执行操作</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="289"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="290"/>
        <source>Deadline warnings</source>
        <translation>期限预警</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="291"/>
        <source>Due date</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="296"/>
        <source>← Back to my complaints (Esc)</source>
        <translation>← 返回我的投诉（Esc）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="297"/>
        <source>Back to my complaints</source>
        <translation>返回我的投诉</translation>
    </message>
</context>
<context>
    <name>ComplaintController</name>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="126"/>
        <source>Another panel took over this draft; this form now autosaves as a new draft.</source>
        <translation>另一个面板接管了此草稿；本表单现作为新草稿自动保存。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="127"/>
        <source>Could not autosave the draft ({error}); keep the panel open and try saving.</source>
        <translation>草稿自动保存失败（{error}）；请勿关闭面板，并尝试保存。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="129"/>
        <source>No system keyring is available: the full callback number will not be stored (only its masked form), and drafts are stored masked.</source>
        <translation>系统密钥环不可用：回访号码的完整值不会保存（仅保存脱敏值），草稿也将脱敏保存。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="174"/>
        <source>Contact person name</source>
        <translation>联系人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="176"/>
        <source>Received at (YYYY-MM-DD HH:MM: when the referral, letter or e-mail reached us)</source>
        <translation>收到投诉时间（年-月-日 时:分：转办单、信函或邮件到达本机构的时间）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="186"/>
        <source>Tick when the document has arrived. Without it the complaint is still accepted and its clock runs from receipt (Art 14); set when it is due below.</source>
        <translation>材料收到后勾选。未收到时投诉照常受理，期限自收到投诉之日起计算（第十四条）；请在下方填写补交日期。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="190"/>
        <source>Already held by the bank (not asked again): {items}</source>
        <translation>本行已掌握（无需再问）：{items}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="198"/>
        <source>(from the call topic “{word}”: check it)</source>
        <translation>（按来电主题“{word}”预填，请核对）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="260"/>
        <source>Leave the complaint form?</source>
        <translation>离开投诉登记？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="261"/>
        <source>The draft is kept and offered again. Leave the form?</source>
        <translation>草稿会保留，下次可继续。确定离开表单？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="287"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="93"/>
        <source>Saved. Ticket number: {ticket}</source>
        <translation>已保存。投诉单号：{ticket}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="101"/>
        <source>Reply due {date} (the date agreed with the customer, Art 21): {days} day(s) left</source>
        <translation>答复期限 {date}（与客户约定的日期，第二十一条）：还剩 {days} 天</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="104"/>
        <source>Reply due {date}: {days} day(s) left (calendar days from receipt)</source>
        <translation>答复期限 {date}：还剩 {days} 天（自受理起按自然日计算）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="107"/>
        <source>Warning: only {days} day(s) left. </source>
        <translation>提醒：仅剩 {days} 天。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="112"/>
        <source>No system keyring is available: the full callback number was NOT stored, only its masked form. Confirm the number with the customer at callback.</source>
        <translation>系统密钥环不可用：回访号码的完整值未保存，仅保存了脱敏值。回访时请向客户重新核实号码。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="312"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="323"/>
        <source>{n} field(s) to fix; the first one has the focus.</source>
        <translation>有 {n} 项需要修改；光标已定位到第一项。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="381"/>
        <source>This draft was stored without a keyring, so numbers and names in it are masked; re-enter them.</source>
        <translation>此草稿在没有密钥环时保存，其中的号码和姓名已脱敏，请重新录入。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="383"/>
        <source>This draft is encrypted with a key that is not available here; it cannot be shown.</source>
        <translation>此草稿由本机不可用的密钥加密，无法显示。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="384"/>
        <source>Draft restored.</source>
        <translation>草稿已恢复。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_autosave.py" line="138"/>
        <source>Restore complaint draft?</source>
        <translation>恢复投诉草稿？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_autosave.py" line="139"/>
        <source>A complaint draft from {when} was not saved (the panel closed unexpectedly). Restore it?</source>
        <translation>{when} 的投诉草稿尚未保存（面板意外关闭）。是否恢复？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="40"/>
        <source> (our own class)</source>
        <translation>（本行自定分类）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="46"/>
        <source>Consumer (self)</source>
        <translation>本人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="47"/>
        <source>Legal guardian</source>
        <translation>法定代理人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="48"/>
        <source>Authorised agent</source>
        <translation>委托代理人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="49"/>
        <source>Heir</source>
        <translation>继承人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="50"/>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
</context>
<context>
    <name>ComplaintListController</name>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="204"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
</context>
<context>
    <name>ComplaintListModel</name>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="76"/>
        <source>{n} day(s) left</source>
        <translation>剩 {n} 天</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="76"/>
        <source>{n} day(s) overdue</source>
        <translation>已超期 {n} 天</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="77"/>
        <source>agreed date</source>
        <translation>约定日期</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="77"/>
        <source>paused</source>
        <translation>中止计时</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="78"/>
        <source>documents pending</source>
        <translation>待补材料</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="86"/>
        <source>not synced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="86"/>
        <source>synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="86"/>
        <source>sync error</source>
        <translation>同步出错</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="91"/>
        <source>Due {date}</source>
        <translation>期限 {date}</translation>
    </message>
</context>
<context>
    <name>ComplaintListView</name>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="180"/>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="181"/>
        <source>Search ticket, name, category</source>
        <translation>搜索单号、姓名、类别</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="182"/>
        <source>Search complaints</source>
        <translation>搜索投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="183"/>
        <location filename="../../../assist/ui/complaint_list.py" line="187"/>
        <source>My complaints</source>
        <translation>我的投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="184"/>
        <source>Complaint history</source>
        <translation>投诉历史</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="185"/>
        <source>History (click a complaint; Enter opens the case)</source>
        <translation>历史记录（单击投诉查看；回车打开案件）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="186"/>
        <source>← Back</source>
        <translation>← 返回</translation>
    </message>
</context>
<context>
    <name>ComplaintView</name>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="221"/>
        <source>Complainant type</source>
        <translation>投诉人类型</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="221"/>
        <source>Agent ID</source>
        <translation>受理坐席工号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="222"/>
        <source>Receiving unit</source>
        <translation>受理机构</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="222"/>
        <source>Received at (YYYY-MM-DD HH:MM)</source>
        <translation>收到投诉时间（年-月-日 时:分）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="223"/>
        <source>Source</source>
        <translation>投诉来源</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="223"/>
        <source>Regulator referral number</source>
        <translation>监管转办编号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="224"/>
        <source>Documents due by (YYYY-MM-DD; Art 14: the complaint is accepted now)</source>
        <translation>材料补交日期（年-月-日；第十四条：投诉现在即受理）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="225"/>
        <source>Handler (no direct interest in the matter, Art 17)</source>
        <translation>核查处理人员（与事项无直接利害关系，第十七条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="226"/>
        <source>I have an interest in this matter: someone else handles it (Art 17)</source>
        <translation>本人与该事项有利害关系，由他人处理（第十七条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="227"/>
        <source>Sub-category</source>
        <translation>业务子类</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="227"/>
        <source>Insurance issue</source>
        <translation>保险纠纷类型</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="228"/>
        <source>Insurance line</source>
        <translation>险种</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="229"/>
        <source>Number of complainants (Art 29)</source>
        <translation>投诉人数（第二十九条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="230"/>
        <source>Complaining in person (Art 29)</source>
        <translation>现场投诉（第二十九条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="231"/>
        <source>Disaster, accident or public-health event it arises from (Art 29)</source>
        <translation>引发投诉的重大灾害、安全事故或公共卫生事件（第二十九条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="232"/>
        <source>Designated major by the regulator (Art 29)</source>
        <translation>监管部门认定为重大投诉（第二十九条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="233"/>
        <source>Reply date agreed with the customer (YYYY-MM-DD, Art 21)</source>
        <translation>与客户约定的答复日期（年-月-日，第二十一条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="234"/>
        <source>Evidence of the agreement (recording id, SMS)</source>
        <translation>约定凭证（录音编号、短信等）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="235"/>
        <source>Complainant name</source>
        <translation>投诉人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="235"/>
        <source>ID document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="236"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="236"/>
        <source>Callback phone</source>
        <translation>联系电话（回访）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="237"/>
        <source>Contact address</source>
        <translation>联系地址</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="237"/>
        <source>Relationship to the consumer</source>
        <translation>与消费者关系</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="238"/>
        <source>Representative name</source>
        <translation>代理人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="238"/>
        <source>Representative ID number</source>
        <translation>代理人证件号码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="239"/>
        <source>Representative phone</source>
        <translation>代理人联系电话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="239"/>
        <source>Power of attorney received</source>
        <translation>已收到授权委托书</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="240"/>
        <source>Name of the deceased</source>
        <translation>被继承人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="240"/>
        <source>Proof of inheritance received</source>
        <translation>已收到继承关系证明</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="241"/>
        <source>Organisation name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="241"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="242"/>
        <source>Organisation address</source>
        <translation>单位地址</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="242"/>
        <source>Legal representative</source>
        <translation>法定代表人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="243"/>
        <source>Legal representative ID number</source>
        <translation>法定代表人证件号码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="243"/>
        <source>Legal representative phone</source>
        <translation>法定代表人联系电话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="244"/>
        <source>Institution complained about</source>
        <translation>被投诉机构</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="244"/>
        <source>Staff complained about</source>
        <translation>被投诉人员</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="245"/>
        <source>Staff member&apos;s unit</source>
        <translation>被投诉人员所在部门</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="245"/>
        <source>Request (投诉请求)</source>
        <translation>投诉请求</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="246"/>
        <source>Main facts (主要事实)</source>
        <translation>主要事实</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="246"/>
        <source>Basis (相关依据)</source>
        <translation>相关依据</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="247"/>
        <source>Channel (A)</source>
        <translation>业务办理渠道（A）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="247"/>
        <source>Business category (B)</source>
        <translation>业务类别（B）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="248"/>
        <source>Reason (C)</source>
        <translation>投诉原因（C）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="248"/>
        <source>Demands (D): Space ticks</source>
        <translation>诉求（D）：空格键勾选</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="249"/>
        <source>Amount involved (CNY)</source>
        <translation>涉及金额（元）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="249"/>
        <source>Product</source>
        <translation>产品名称</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="252"/>
        <source>Intake</source>
        <translation>受理信息</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="252"/>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="253"/>
        <source>Respondent and classification</source>
        <translation>被投诉与分类</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="254"/>
        <source>Request and facts</source>
        <translation>诉求与事实</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="254"/>
        <source>Major complaint and deadline</source>
        <translation>重大投诉与时限</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="257"/>
        <source>Go to section {n}: {title}</source>
        <translation>转到第 {n} 部分：{title}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="260"/>
        <source>New complaint (Ctrl+S saves, Esc leaves; the draft is kept)</source>
        <translation>新建投诉（Ctrl+S 保存，Esc 离开；草稿会保留）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="261"/>
        <source>Save complaint (Ctrl+S)</source>
        <translation>保存投诉（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="262"/>
        <location filename="../../../assist/ui/complaint_view.py" line="273"/>
        <source>Save complaint</source>
        <translation>保存投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="263"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="264"/>
        <location filename="../../../assist/ui/complaint_view.py" line="274"/>
        <source>Cancel complaint entry</source>
        <translation>取消投诉登记</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="265"/>
        <source>Open card</source>
        <translation>打开卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="266"/>
        <source>Open the escalation card</source>
        <translation>打开升级处理卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="267"/>
        <source>Risk assessment</source>
        <translation>风险评估</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="268"/>
        <source>Ticket number</source>
        <translation>投诉单号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="269"/>
        <source>Deadline</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="270"/>
        <source>Reply due date</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="271"/>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="272"/>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="297"/>
        <source>{n} required empty</source>
        <translation>{n} 项必填未填</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="298"/>
        <source>{n} filled</source>
        <translation>已填 {n} 项</translation>
    </message>
</context>
<context>
    <name>FoldSection</name>
    <message>
        <location filename="../../../assist/ui/complaint_fold.py" line="86"/>
        <source>expanded</source>
        <translation>已展开</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_fold.py" line="86"/>
        <source>collapsed</source>
        <translation>已收起</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_fold.py" line="87"/>
        <source>Space or Enter folds and unfolds this section</source>
        <translation>按空格或回车键收起、展开本部分</translation>
    </message>
</context>
<context>
    <name>FormPreview</name>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="144"/>
        <source>Reply due {date}: the date agreed with the customer (Art 21); the Art 18 limit is {limit}</source>
        <translation>答复期限 {date}：与客户约定的日期（第二十一条）；按第十八条计算为 {limit}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="147"/>
        <source>Reply due {date} (15 calendar days from receipt, Art 18)</source>
        <translation>答复期限 {date}（自收到之日起15个自然日，第十八条）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="148"/>
        <source>the day of receipt counts as day 1</source>
        <translation>收到当日计为第1日</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="149"/>
        <source>counting starts the day after receipt</source>
        <translation>收到次日起算</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="151"/>
        <source>Documents pending ({docs}): the complaint is accepted now and the clock runs from receipt (Art 14); they are due {date}.</source>
        <translation>待补材料（{docs}）：投诉现在即受理，期限自收到之日起计算（第十四条）；材料补交日期 {date}。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="170"/>
        <source>normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="170"/>
        <source>complex</source>
        <translation>复杂</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="170"/>
        <source>major</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="173"/>
        <source>Risk: {level}</source>
        <translation>风险：{level}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_form_parts.py" line="183"/>
        <source>High risk: escalate per the card “{title}” ({card}) before ending the call.</source>
        <translation>高风险：请在结束通话前按卡片“{title}”（{card}）升级处理。</translation>
    </message>
</context>
</TS>

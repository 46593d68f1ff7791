<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DbProblemDialog</name>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="29"/>
        <source>The database was set up on this PC before and is now missing.</source>
        <translation>本机此前已建立数据库，现在该文件不见了。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="30"/>
        <source>The database file cannot be read.</source>
        <translation>无法读取数据库文件。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="31"/>
        <source>The database file is empty (0 bytes): its data is gone.</source>
        <translation>数据库文件为空（0 字节），其中的数据已丢失。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="32"/>
        <source>The database file is damaged.</source>
        <translation>数据库文件已损坏。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="34"/>
        <source>File: {path}</source>
        <translation>文件位置：{path}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="40"/>
        <source>A new, empty database was created.</source>
        <translation>已新建一个空数据库。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="41"/>
        <source>The old file is kept as {path}</source>
        <translation>原文件已保留为 {path}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="42"/>
        <source>Recovered {rows} row(s) into a new database. The damaged file is kept as {path}.
Check the records; `assist audit verify` shows rows missing from the audit trail.</source>
        <translation>已将 {rows} 行数据恢复到新数据库，损坏的文件保留为 {path}。
请核对记录；用 `assist audit verify` 可查看审计记录中缺失的行。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="44"/>
        <source>Nothing could be recovered ({reason}). Nothing was changed.</source>
        <translation>未能恢复任何数据（{reason}），未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="45"/>
        <source>Assist: database</source>
        <translation>坐席助手：数据库</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="53"/>
        <source>Assist: database problem</source>
        <translation>坐席助手：数据库有问题</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="55"/>
        <source>Nothing has been changed. What should the panel do?</source>
        <translation>尚未做任何改动。请选择如何处理：</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="58"/>
        <source>Move it aside and start fresh</source>
        <translation>移到一旁（保留原文件）并新建数据库</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="59"/>
        <source>Start a new database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="62"/>
        <source>Try to recover</source>
        <translation>尝试恢复</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="63"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>PanelController</name>
    <message>
        <location filename="../../../assist/ui/controller.py" line="135"/>
        <source>Assist agent panel</source>
        <translation>坐席助手</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="136"/>
        <source>Search the knowledge base (Ctrl+F): Chinese, pinyin, initials</source>
        <translation>搜索知识库（Ctrl+F）：中文、拼音、首字母</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="137"/>
        <source>Search knowledge cards</source>
        <translation>搜索知识卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="138"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="139"/>
        <source>Knowledge card</source>
        <translation>知识卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="140"/>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="141"/>
        <source>Menu (F10)</source>
        <translation>菜单（F10）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="142"/>
        <source>← Back (Esc)</source>
        <translation>← 返回（Esc）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="143"/>
        <source>Back to results</source>
        <translation>返回结果列表</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="144"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="145"/>
        <source>Always on top</source>
        <translation>窗口置顶</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="146"/>
        <source>Dock on the left</source>
        <translation>停靠在屏幕左侧</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="147"/>
        <source>Dock to screen edge</source>
        <translation>停靠到屏幕边缘</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="148"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="149"/>
        <source>Knowledge base status…</source>
        <translation>知识库状态…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="150"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="151"/>
        <location filename="../../../assist/ui/controller.py" line="513"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="152"/>
        <source>Start a call (Ctrl+Shift+N)</source>
        <translation>开始通话（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="153"/>
        <source>Sync with head office now (Ctrl+Shift+S)</source>
        <translation>立即与总行同步（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="154"/>
        <source>Reload the knowledge base (F5)</source>
        <translation>重新加载知识库（F5）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="155"/>
        <source>Pin or unpin the card (Ctrl+P)</source>
        <translation>置顶/取消置顶卡片（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="159"/>
        <source>Knowledge (Ctrl+1)</source>
        <translation>知识库（Ctrl+1）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="161"/>
        <source>Complaints (Ctrl+3)</source>
        <translation>投诉（Ctrl+3）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="163"/>
        <source>Call (Ctrl+2)</source>
        <translation>通话（Ctrl+2）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="176"/>
        <source>KB version {version} · {count} cards</source>
        <translation>知识库版本 {version} · {count} 张卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="178"/>
        <source>{n} broken file(s), click for details</source>
        <translation>{n} 个文件有问题，点击查看</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="208"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="239"/>
        <source>No card matches “{query}”.</source>
        <translation>没有找到与“{query}”相关的卡片。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="241"/>
        <source>Closest: {titles}</source>
        <translation>最接近的：{titles}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="242"/>
        <source>Try fewer characters, pinyin initials, or another word for it.</source>
        <translation>可以少输几个字、用拼音首字母，或换个说法再试。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="232"/>
        <source>{n} result(s)</source>
        <translation>{n} 条结果</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="234"/>
        <source>All cards by category (frequently used cards will appear here)</source>
        <translation>全部卡片（按分类；常用卡片会显示在这里）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="236"/>
        <source>Pinned and frequently used cards</source>
        <translation>置顶和常用卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="274"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="281"/>
        <source>Filter by category {name}</source>
        <translation>按分类筛选：{name}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="281"/>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="328"/>
        <source>Expired: this card is past its review date</source>
        <translation>已过期：本卡片已超过复核有效期，请谨慎使用</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="328"/>
        <source>Not verified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="329"/>
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="329"/>
        <source>Legal basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="330"/>
        <source>Personal data C2 (card, ID and phone numbers): verify identity before discussing the account; confirm, never ask for; everything shown and recorded is masked.</source>
        <translation>个人信息 C2：涉及卡号、证件、手机号等。先核实身份再谈账户；只核对，不索要；屏幕与记录一律脱敏。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="332"/>
        <source>Personal data C3 (PIN, CVV, expiry date): never ask for it, never record it.</source>
        <translation>个人信息 C3：涉及密码、CVV、有效期等鉴别信息。任何情况下都不询问、不记录。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="333"/>
        <source>Identity check: use this card only after the caller&apos;s identity is verified.</source>
        <translation>身份核验：本卡片内容仅在完成身份核验后使用。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="334"/>
        <source>Never ask for: card PIN, CVV, card expiry date, SMS verification code.</source>
        <translation>绝不索要：银行卡密码、CVV、卡片有效期、短信验证码。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="358"/>
        <source>★ Unpin (Ctrl+P)</source>
        <translation>★ 取消置顶（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="358"/>
        <source>☆ Pin (Ctrl+P)</source>
        <translation>☆ 置顶（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="486"/>
        <source>Active knowledge base: {root}
Version {version}, {count} cards loaded.</source>
        <translation>当前知识库：{root}
版本 {version}，已加载 {count} 张卡片。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="489"/>
        <source>These files have problems; the rest of the knowledge base works:</source>
        <translation>以下文件有问题（其余知识库正常可用）：</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="490"/>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="498"/>
        <source>About Assist</source>
        <translation>关于坐席助手</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="499"/>
        <source>Assist agent panel {version}
Build: {build}
Knowledge base: {kb}</source>
        <translation>坐席助手 {version}
构建：{build}
知识库：{kb}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="512"/>
        <source>Show / hide</source>
        <translation>显示/隐藏</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/controller.py" line="589"/>
        <source>In call: {caller} {topic}</source>
        <translation>通话中：{caller} {topic}</translation>
    </message>
</context>
</TS>
